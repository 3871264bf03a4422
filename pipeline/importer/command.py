"""The ``pipeline import`` command: article text (or an edited DOCX) to a v1 YAML source."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

MAX_TEXT_BYTES = 5_000_000  # as a source (pipeline.source.MAX_FILE_BYTES)
MAX_DOCX_BYTES = 20_000_000  # about a web upload (20 MiB): a DOCX carries its photos


def _schema_ref(out: Path) -> str:
    schema = Path("schema.json").resolve()
    if schema.is_file():
        return Path(os.path.relpath(schema, out.resolve().parent)).as_posix()
    return "../schema.json"


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="YAML file to write (default: FILE with the .yaml suffix).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--accept-changes", "accept", is_flag=True,
              help="DOCX: take its pending tracked changes as shown (by default a DOCX "
                   "with tracked changes is refused, with a list of them).")
@click.option("--reject-changes", "reject", is_flag=True,
              help="DOCX: undo its pending tracked changes, keeping the text before them.")
def import_command(file, output, force, accept, reject):
    """Turn article text (.txt) or an edited DOCX made by this pipeline into a YAML source.

    A DOCX with tracked changes not yet accepted or rejected is refused unless
    --accept-changes or --reject-changes says what to do; its comments become YAML
    comments beside their block."""
    from pipeline.atomic import write_bytes
    from pipeline.errors import UserError, display_path, printable

    if accept and reject:
        raise click.UsageError("choose one of --accept-changes and --reject-changes")
    src = Path(file)
    out = Path(output) if output else src.with_suffix(".yaml")
    if out.exists() and not force:
        click.echo(printable(f"{display_path(out)}: error: the file exists; choose another "
                             "name with -o or add --force"), err=True)
        sys.exit(1)
    try:
        docx = src.suffix.lower() == ".docx"
        raw = _read(src, MAX_DOCX_BYTES if docx else MAX_TEXT_BYTES)
        if docx:
            from pipeline.importer.docx import import_docx

            del raw  # read to hold the limit; the DOCX reader opens the file itself
            result = import_docx(src, out, schema_ref=_schema_ref(out), changes="accept"
                                 if accept else "reject" if reject else "refuse")
        else:
            from pipeline.importer import import_text

            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                raise UserError.at(display_path(src), line, 1, "the file is not UTF-8; save "
                                   "it as UTF-8 text and import it again") from None
            if not text.strip():
                raise UserError.at(display_path(src), 1, 1, "the file is empty: there is "
                                   "nothing to import; paste the article's text into it")
            result = import_text(text, display_path(src), schema_ref=_schema_ref(out))
    except UserError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(str(diagnostic), err=True)
        sys.exit(1)
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    try:
        write_bytes(out, result.yaml_text.encode("utf-8"))
    except OSError as exc:
        click.echo(printable(f"error: cannot write {exc.filename or out}: "
                             f"{exc.strerror or exc}; check that the folder exists and that "
                             "you may write there, or choose another file with -o"), err=True)
        sys.exit(1)
    click.echo(printable(f"wrote {display_path(out)}"))


def _read(src: Path, limit: int) -> bytes:
    """The input's bytes, at most ``limit`` (a bigger file is refused before it is parsed)."""
    from pipeline.errors import UserError, display_path
    from pipeline.reading import NotReadable, read_limited

    try:
        return read_limited(src, limit, "import one article at a time (a source has the "
                            "same limit)")
    except NotReadable as exc:
        raise UserError.at(display_path(src), 1, 1, str(exc)) from None
    except OSError as exc:
        raise UserError.at(display_path(src), 1, 1,
                           f"cannot read the file: {exc.strerror or exc}") from None
