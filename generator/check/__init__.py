"""gwplan check: a GB/T 9704 and freshness checker for any .docx.

Each check module looks at one aspect (page setup, fonts and sizes, structure, places, wording
and freshness) and returns findings (findings.py), with the repair of what --fix may repair
beside the check that finds it; checker.py runs them all, fix.py writes the repaired copy.
The formatting profile (templates/gbt9704.yaml) and the rules/ data are the references.
"""
