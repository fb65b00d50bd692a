"""gwplan batch and bundle: rosters, school plans in bulk, binding any .docx."""
