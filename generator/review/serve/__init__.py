"""gwplan serve: the clause library in the browser, a local workbench for reviewers.

app.py builds the Flask application and runs it on 127.0.0.1; routes.py holds the pages and
actions; edits.py makes a reviewer's edits with the text-preserving writer and saving.py
writes them (library lock, conflict check, lint first, commit_library); catalog.py and
preview.py gather what the pages show from the loader, diff and the drafter. Templates and the stylesheet ship in this package: no network is needed.
"""
from generator.review.serve.app import create_app, run

__all__ = ["create_app", "run"]
