"""Messages and locale-aware formatting, in French and English."""
