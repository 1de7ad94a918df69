"""The commands beyond build: preview, templates, sample dossiers, verify, diff."""
