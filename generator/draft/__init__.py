"""gwplan draft: selection, plan file, targets, render, marks, notice, school plans, provenance."""
