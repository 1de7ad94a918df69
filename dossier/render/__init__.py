"""Rendering: the view model to HTML, PDF and DOCX."""
