"""The review loop: lint, diff (and its HTML page), learn."""
