"""gwplan serve: the clause library in the browser, a local workbench for reviewers.

app.py builds the Flask application and runs it on 127.0.0.1; routes.py holds the pages and
actions; edits.py saves a reviewer's edits (text-preserving writer, lint first, library lock,
conflict check); catalog.py and preview.py gather what the pages show from the loader, diff
and the drafter. Templates and the stylesheet ship in this package: no network is needed.
"""
from generator.review.serve.app import create_app, run

__all__ = ["create_app", "run"]
