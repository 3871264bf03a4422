"""Import raw article text into a v1 interview source (``import_text``)."""

from pipeline.importer.text import ImportResult, import_text

__all__ = ["ImportResult", "import_text"]
