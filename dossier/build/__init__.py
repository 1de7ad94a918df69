"""Build dossiers end to end: validate, assemble, render on several cores, write atomically."""
