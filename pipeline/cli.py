"""The ``pipeline`` command line (click); heavy modules are imported only by the commands."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from pipeline import __version__

# Commands living in their own modules, imported only when run (start-up time matters).
LAZY = {
    "import": ("pipeline.importer.command", "import_command"),
    "preflight": ("pipeline.preflight", "preflight_command"),
    "reference-docx": ("pipeline.writers.docx_reference", "reference_docx_command"),
    "serve": ("pipeline.web.command", "serve_command"),
}
LAZY_HELP = {
    "import": "Turn article text or an edited DOCX into a YAML source.",
    "preflight": "Check PDFs the way a print shop does.",
    "reference-docx": "Write the default DOCX style sheet, to restyle.",
    "serve": "Local web page: browse, preview, download, upload.",
}


class LazyGroup(click.Group):
    def invoke(self, ctx):
        """Ctrl+C ends a command with status 130 (128 + SIGINT), as shells expect, rather
        than click's 1, which means "errors in the sources" here."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *LAZY])

    def get_command(self, ctx, name):
        if name in LAZY:
            module, attr = LAZY[name]
            try:
                return getattr(importlib.import_module(module), attr)
            except (ImportError, AttributeError):
                if ctx.resilient_parsing or name not in sys.argv:
                    return _unavailable(name)
                raise
        return super().get_command(ctx, name)

    def format_commands(self, ctx, formatter):
        rows = [(name, LAZY_HELP[name] if name in LAZY
                 else click.Group.get_command(self, ctx, name).get_short_help_str(60))
                for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _unavailable(name):
    @click.command(name, help=LAZY_HELP[name])
    def stub():
        raise click.UsageError(f"`pipeline {name}` is not available in this build")
    return stub


def report(diagnostics) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pipeline")
def main() -> None:
    """Render newspaper interviews from YAML sources to print PDF and editable DOCX."""


def _yaml_in(folder: Path) -> list[Path]:
    # Hidden files (.name.yaml: editor backups, macOS ._ files) are not sources.
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("."))


def _sources(sources: tuple[str, ...]) -> list[Path]:
    """The files to build: those named, a folder standing for every source and collection
    in it (*.yaml), and source/*.yaml when nothing is named."""
    if sources:
        found = []
        for s in sources:
            path = Path(s)
            if not path.is_dir():
                found.append(path)
                continue
            inside = _yaml_in(path)
            if not inside:
                raise click.UsageError(f"the folder {s} holds no *.yaml source or collection; "
                                       "name the folder that holds them")
            found.extend(inside)
        return found
    found = _yaml_in(Path("source"))
    if not found:
        raise click.UsageError("no SOURCE given and source/*.yaml matched nothing; run this in "
                               "the project folder or name the YAML files to build")
    return found


def _distinct_folders(paths: list[Path], out_dir: str) -> list[Path]:
    """``paths`` without repeats of one file; two different files with the same name would
    write the same output folder, one replacing the other, so that is a usage error."""
    from pipeline.errors import printable

    unique: dict[Path, Path] = {}
    by_stem: dict[str, Path] = {}
    for path in paths:
        real = path.resolve()
        if real in unique:
            continue
        other = by_stem.get(path.stem)
        if other is not None:
            raise click.UsageError(printable(
                f"{other} and {path} would both be written to {Path(out_dir) / path.stem}/, "
                "the second replacing the first; rename one of them, or build them one at a "
                "time with different -o folders"))
        unique[real] = by_stem[path.stem] = path
    return list(unique.values())


def write_or_exit(path: Path, data: bytes) -> None:
    """Write a single output file; a folder that cannot be written is a user error."""
    from pipeline.atomic import write_bytes
    from pipeline.errors import printable

    try:
        write_bytes(path, data)
    except OSError as exc:
        where = exc.filename or path
        click.echo(printable(f"error: cannot write {where}: {exc.strerror or exc}; check that "
                             "the folder exists and that you may write there, or choose "
                             "another path"), err=True)
        sys.exit(1)


def _layout_names(ctx, param, value):
    from pipeline.layouts import available

    dirs = tuple(Path(d) for d in ctx.params.get("layout_dirs", ()))
    names = available(dirs)
    for name in value:
        if name not in names:
            raise click.BadParameter(f"unknown layout {name!r}; available: "
                                     f"{', '.join(sorted(names))}", ctx, param)
    return tuple(dict.fromkeys(value))


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(exists=True))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default="output",
              show_default=True, help="Folder to write <source-stem>/ into.")
@click.option("--layout-dir", "layout_dirs", multiple=True, is_eager=True,
              type=click.Path(exists=True, file_okay=False),
              help="Extra folder of layout definitions (*.yaml).")
@click.option("--layout", "layouts", multiple=True, callback=_layout_names,
              help="Layout to build (newsletter, handout, …); repeat for several; default: all.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["pdf", "docx"]),
              help="Format to build; repeat for both; default: pdf and docx.")
@click.option("--marks", is_flag=True, help="Add crop marks outside the bleed (PDF); the "
              "booklet gets a sheet larger than A4 with bleed, crop and fold marks.")
@click.option("--pdfx", is_flag=True, help="PDF/X-4 for the print shop (100 % black overprints) "
              "instead of the default PDF/A-2b.")
@click.option("--draft", is_flag=True, help="Missing photos become labelled placeholders.")
@click.option("--reference-docx", type=click.Path(exists=True, dir_okay=False),
              help="Take DOCX styles from this restyled reference (see reference-docx).")
@click.option("--watch", is_flag=True, help="Rebuild whenever a source changes (Ctrl+C stops).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Build this many sources or collections at once, in worker processes "
              "(default: the number of cores).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def build(sources, out_dir, layout_dirs, layouts, formats, marks, pdfx, draft, reference_docx,
          watch, jobs, quiet):
    """Render each SOURCE (default: source/*.yaml) to PDF and DOCX. A collection (a pack)
    is built as a whole; a folder stands for every source and collection in it."""
    from pipeline.build import DEFAULT_LAYOUTS, FORMATS, Options, resolve_layouts
    from pipeline.errors import UserError, printable

    options = Options(
        out_dir=Path(out_dir),
        layouts=layouts or DEFAULT_LAYOUTS,
        formats=tuple(dict.fromkeys(formats)) or FORMATS,
        marks=marks, pdfx=pdfx, draft=draft,
        reference_docx=Path(reference_docx) if reference_docx else None,
        layout_dirs=tuple(Path(d) for d in layout_dirs),
    )
    paths = _distinct_folders(_sources(sources), out_dir)
    try:
        chosen = resolve_layouts(options.layouts, options.layout_dirs)
    except UserError as exc:
        report(exc.diagnostics)
        sys.exit(1)

    named = {Path(s).resolve() for s in sources if not Path(s).is_dir()}
    if jobs is None:
        from pipeline.parallel import default_jobs

        jobs = default_jobs()

    def to_build(paths) -> list[Path]:
        """``paths`` without the collections found in a folder that these layouts skip."""
        from pipeline.collection import is_collection

        kept = []
        for path in paths:
            if is_collection(path) and path.resolve() not in named:
                from pipeline.build_collection import skipped_for_layouts

                why = skipped_for_layouts(path, chosen)
                if why:
                    if not quiet:
                        click.echo(printable(f"{path}: {why}"))
                    continue
            kept.append(path)
        return kept

    def show(result) -> bool:
        report(result.warnings)
        report(result.errors)
        if not quiet:
            for written in result.written:
                click.echo(printable(f"wrote {written}"))
        return result.ok

    def run_once(paths) -> bool:
        from pipeline.parallel import build_any, results

        paths = to_build(paths)
        if not watch:  # a bug stops the build, with its traceback
            return all([show(result) for result in results(paths, options, chosen, jobs)])
        ok = True
        for path in paths:
            try:
                result = build_any(path, options, chosen)
            except Exception:  # noqa: BLE001 - a bug: shown in full, but watching goes on
                import traceback

                traceback.print_exc()
                click.echo(printable(f"{path}: error: the build failed (an internal error, "
                                     "shown above; please report it); nothing was written"),
                           err=True)
                ok = False
                continue
            ok = show(result) and ok
        return ok

    if watch:
        from pipeline.watch import watch_sources

        watch_sources(paths, run_once)
        return
    sys.exit(0 if run_once(paths) else 1)


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(exists=True))
@click.option("--draft", is_flag=True, help="Report missing photos as warnings only.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing when all is well.")
def check(sources, draft, quiet):
    """Validate SOURCE files and collections (default: source/*.yaml; a folder: every one
    in it) without writing anything."""
    from pipeline.build import check_source
    from pipeline.build_collection import check_collection
    from pipeline.collection import is_collection
    from pipeline.errors import printable

    ok = True
    for path in _sources(sources):
        checker = check_collection if is_collection(path) else check_source
        result = checker(path, draft=draft)
        report(result.warnings)
        report(result.errors)
        ok = ok and result.ok
        if result.ok and not quiet:
            click.echo(printable(f"{path}: ok"))
    sys.exit(0 if ok else 1)


@main.command()
@click.argument("name")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--pack", is_flag=True, help="A congress pack (a collection listing the "
              "interviews beside it) instead of an interview.")
def new(name, force, pack):
    """Write a commented starter source NAME.yaml (into source/ when it exists)."""
    from pipeline.errors import printable
    from pipeline.starter import pack_starter_text, starter_text

    path = Path(name)
    if not path.name or path.name.startswith("."):
        raise click.BadParameter(printable(
            f"{name!r} gives no usable source name (it is empty or starts with a dot, and the "
            "file name becomes the output folder's); write a name such as phong-van"),
            param_hint="NAME")
    if path.suffix != ".yaml":
        path = path.with_suffix(".yaml")
        if len(path.parts) == 1 and Path("source").is_dir():
            path = Path("source") / path
    if path.exists() and not force:
        click.echo(printable(f"{path}: error: the file exists; choose another name or add "
                             "--force"), err=True)
        sys.exit(1)
    if pack:
        from pipeline.collection import is_collection

        beside = [p.name for p in _yaml_in(path.parent)
                  if p.resolve() != path.resolve() and not is_collection(p)]
        text = pack_starter_text(str(path), beside)
    else:
        text = starter_text(str(path))
    write_or_exit(path, text.encode("utf-8"))
    click.echo(printable(f"wrote {path}"))


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@click.option("--collection", is_flag=True, help="The schema of collection files (packs, "
              "issues) instead: collection.schema.json.")
def schema(output, collection):
    """Print the JSON Schema of the source format (for editors' completion)."""
    from pipeline.schema import collection_schema_text, schema_text

    text = collection_schema_text() if collection else schema_text()
    if output:
        write_or_exit(Path(output), text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
