"""Regenerate docs/newsletter-page1.png, the README's picture of the sample newsletter."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pipeline", "build", "-q", "-o", tmp,
                        "--layout", "newsletter", "--format", "pdf",
                        str(ROOT / "source" / "bao-nghe-an.yaml")], check=True, cwd=ROOT)
        pdf = Path(tmp) / "bao-nghe-an" / "newsletter.pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(ROOT / "docs" / "newsletter-page1")], check=True)


if __name__ == "__main__":
    main()
