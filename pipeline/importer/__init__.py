"""The importers, one folder per input (text/, docx/), and the parts they share: ``import_text``."""

from pipeline.importer.article import ImportResult
from pipeline.importer.text import import_text

__all__ = ["ImportResult", "import_text"]
