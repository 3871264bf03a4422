"""The DOCX importer: an edited DOCX made by this pipeline back to a v1 YAML source, photos beside it."""

from __future__ import annotations

import io
from pathlib import Path

from pipeline.errors import Diagnostic, UserError, display_path
from pipeline.importer.docx.blocks import Block, assemble
from pipeline.importer.docx.emit import write_yaml
from pipeline.importer.docx.fields import fields
from pipeline.importer.docx.package import Package, open_package
from pipeline.importer.docx.people import ascii_slug
from pipeline.importer.docx.read import paragraphs
from pipeline.importer.docx.revisions import Change, Comment, comments, pending
from pipeline.importer.docx.source import Stored
from pipeline.importer.docx.styles import Styles, key
from pipeline.importer.article import ImportResult

JPEG, PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"
IMAGES = "images"
CHANGES = ("refuse", "accept", "reject")  # what to do with tracked changes still pending


def import_docx(src: Path, out: Path, schema_ref: str = "../schema.json",
                changes: str = "refuse", photos: dict[Path, bytes] | None = None) -> ImportResult:
    """Read ``src`` (a DOCX this pipeline wrote, perhaps edited) into the YAML text for
    ``out``; its photos are written to ``out``'s folder under images/. Tracked changes still
    pending are refused (a UserError listing them), or ``changes`` says "accept" or "reject"
    them; comments become YAML comments beside their block. With ``photos`` (a dict), the
    photos to write are put there (path -> bytes) instead of written. Raises UserError."""
    if changes not in CHANGES:
        raise ValueError(f"changes must be one of {CHANGES}, not {changes!r}")
    name = display_path(src)
    try:
        return _import(Path(src), Path(out), schema_ref, name, changes, photos)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file must not show a traceback
        raise UserError.at(name, 1, 1, f"cannot read this DOCX ({type(exc).__name__}: {exc}); "
                           "is it a document made by this pipeline?") from None


def _import(src: Path, out: Path, schema_ref: str, name: str, changes: str,
            photos: dict[Path, bytes] | None) -> ImportResult:
    pkg = open_package(src, name)
    styles = Styles(pkg.styles)
    if not made_by_pipeline(pkg, styles):
        raise UserError.at(name, 1, 1, "not made by this pipeline: the DOCX has neither its "
                           "properties nor its Question and Answer styles; import the text "
                           "instead (save it as .txt and run pipeline import on that)")
    found = pending(pkg.document, styles)
    remarks = comments(pkg.document, pkg.comments)
    if found and changes == "refuse":
        raise UserError(refusal(name, found, remarks))
    body = assemble(paragraphs(pkg.document, styles, reject=changes == "reject"))
    head_notes = _place(remarks, body.blocks)
    stored = Stored.of(pkg.custom)
    if stored is not None:
        body.people.restore(stored.people)
        body.blocks = stored.split(body.blocks)
    notes = body.people.complete()
    values, todo = fields(body, pkg, stored.fields if stored else None)
    files, more = _photos(body.blocks, pkg, out)
    warnings = [Diagnostic(name, n, 1, message, "warning") for n, message in body.notes + more]
    warnings += [Diagnostic(name, 1, 1, note.removeprefix("TODO: ") + " was not found; "
                            "a TODO is written", "warning") for note in todo]
    warnings += [Diagnostic(name, 1, 1, note, "warning") for note in notes]
    if found:
        taken = "accepted" if changes == "accept" else "rejected (the text before them kept)"
        warnings.append(Diagnostic(name, 1, 1, f"{len(found)} tracked change"
                                   f"{'s' if len(found) > 1 else ''} {taken}, as "
                                   f"--{changes}-changes asks", "warning"))
    warnings += [Diagnostic(name, max(c.paragraph, 1), 1, f"paragraph {c.paragraph}: "
                            f"{c.note()}; kept as a YAML comment beside its block (delete it "
                            "once dealt with)", "warning") for c in remarks]
    text = write_yaml(values, body, todo + notes + head_notes, schema_ref, src.name,
                      pkg.custom.get("Source"))
    from pipeline.atomic import write_all

    if photos is not None:
        photos.update(files)
        return ImportResult(text, sorted(warnings, key=lambda d: (d.line, d.col)))
    try:
        write_all(files)
    except OSError as exc:
        raise UserError.at(display_path(exc.filename or out.parent), 0, 0, "cannot write the "
                           f"photos: {exc.strerror or exc}; check that the folder exists and "
                           "that you may write there, or choose another file with -o") from None
    return ImportResult(text, sorted(warnings, key=lambda d: (d.line, d.col)))


def refusal(name: str, found: list[Change], remarks: list[Comment]) -> list[Diagnostic]:
    """The refusal of a DOCX with pending tracked changes: what to do, then each change (and
    each comment, which would be kept)."""
    count = f"{len(found)} tracked change{'s' if len(found) > 1 else ''}"
    out = [Diagnostic(name, 0, 0, f"the DOCX has {count} not yet accepted or rejected "
                      "(listed below); nothing was imported. Accept or reject them in Word "
                      "(Review > Accept / Reject) and save, or import again with "
                      "--accept-changes (take the edits as shown) or --reject-changes (keep "
                      "the text as it was before them)")]
    out += [Diagnostic(name, max(c.paragraph, 1), 1, c.describe()) for c in found]
    out += [Diagnostic(name, max(c.paragraph, 1), 1, f"paragraph {c.paragraph}: {c.note()}; "
                       "it will be kept as a YAML comment beside its block", "note")
            for c in remarks]
    return out


def _place(remarks: list[Comment], blocks: list[Block]) -> list[str]:
    """Put each comment beside the block holding its paragraph; return those before the
    first block (on the title, the lead…), which go at the top of the file."""
    top = []
    for remark in remarks:
        holder = None
        for block in blocks:
            if block.number <= remark.paragraph and (holder is None
                                                     or block.number >= holder.number):
                holder = block
        (holder.comments if holder is not None else top).append(remark.note())
    return top


def made_by_pipeline(pkg: Package, styles: Styles) -> bool:
    if "Pipeline version" in pkg.custom or "Source" in pkg.custom:
        return True
    names = {key(styles.name(sid)) for sid in styles.by_id} | {key(s) for s in styles.by_id}
    return {"question", "answer", "speaker"} <= names


def _photos(blocks: list[Block], pkg: Package, out: Path):
    """Give each figure a path under images/ and collect the files to write: identical photos
    share a file, a photo already in the folder is reused, others get fresh names."""
    folder = out.resolve().parent / IMAGES
    stem = ascii_slug(out.stem) or "anh"
    existing = {p: p.read_bytes() for p in sorted(folder.glob("*"))
                if p.is_file() and p.suffix.lower() in (".jpg", ".jpeg", ".png")} \
        if folder.is_dir() else {}
    files: dict[Path, bytes] = {}
    by_data: dict[bytes, str] = {}
    notes: list[tuple[int, str]] = []
    count = 0
    for block in (b for b in blocks if b.kind == "figure"):
        count += 1
        data = pkg.images.get(block.picture.rid, ("", b""))[1] if block.picture else b""
        data, ext, problem = _format(data)
        if problem:
            block.path = f"{IMAGES}/{stem}-{count:02d}.jpg"
            block.comments.append(f"TODO: put the photo at {block.path}")
            notes.append((block.number, f"paragraph {block.number}: {problem}; put the "
                          f"photo at {block.path} (a draft build prints a placeholder)"))
            continue
        if data in by_data:
            block.path = by_data[data]
            continue
        same = next((p for p, old in existing.items() if old == data), None)
        if same is None:
            n = count
            same = folder / f"{stem}-{n:02d}.{ext}"
            while same in existing or same in files:
                n += 1
                same = folder / f"{stem}-{n:02d}.{ext}"
            files[same] = data
        block.path = by_data[data] = f"{IMAGES}/{same.name}"
    return files, notes


def _format(data: bytes) -> tuple[bytes, str, str | None]:
    """(bytes, extension, problem): JPEG and PNG as they are, other pictures as PNG."""
    from pipeline.writers.docx.figures import placeholder_png

    if not data:
        return data, "", "the photo is missing from the DOCX"
    if data == placeholder_png():
        return data, "", "the photo was a placeholder (a draft build without the photo)"
    problem = _photo_problem(data)
    if problem:
        return data, "", problem
    if data.startswith(JPEG):
        return data, "jpg", None
    if data.startswith(PNG):
        return data, "png", None
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            image.load()
            buf = io.BytesIO()
            image.save(buf, "PNG")
        return buf.getvalue(), "png", None
    except Exception:  # noqa: BLE001 - any undecodable picture (EMF, SVG, damaged)
        return data, "", "the picture is not a JPEG or PNG photo and cannot be converted"


def _photo_problem(data: bytes) -> str | None:
    """Why a picture must not be written out, judged from its header before decoding it: not
    a picture Pillow knows, damaged (PNG chunks are checked), or too many pixels."""
    import warnings

    from PIL import Image

    from pipeline.images import MAX_PIXELS

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height <= MAX_PIXELS:
                    image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ("the picture has more pixels than a photo may have "
                f"({MAX_PIXELS // 1_000_000} million)")
    except Image.UnidentifiedImageError:
        return "the picture is not a JPEG or PNG photo and cannot be converted"
    except Exception:  # noqa: BLE001 - Pillow raises OSError, SyntaxError, ValueError, …
        return "the picture is damaged or not a picture Pillow can read"
    if width * height > MAX_PIXELS:
        return (f"the picture is {width} x {height}: more pixels than a photo may have "
                f"({MAX_PIXELS // 1_000_000} million)")
    return None
