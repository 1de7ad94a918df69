"""Build the view model of one dossier: what its audience may read, numbered and counted."""
