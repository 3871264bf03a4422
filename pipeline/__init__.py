"""Render newspaper interviews from one YAML source to print PDF and editable DOCX."""

__version__ = "0.1.0"
