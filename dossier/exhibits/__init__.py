"""What is sent with a dossier: the pièces bundle, the identity annex, signatures."""
