"""Local web app (``pipeline serve``): browse sources, preview, download, upload."""
