"""Entry point for ``python -m pipeline``."""

from pipeline.cli import main

if __name__ == "__main__":  # worker processes (build -j) import this module too
    main()
