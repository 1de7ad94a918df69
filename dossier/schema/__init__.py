"""What the input holds: one description per column, vocabularies, typed records."""
