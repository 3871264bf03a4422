"""Preflight of the standard a file claims: PDF/A through pikepdf's validator, PDF/X-4 clause
by clause (ISO 15930-7; docs/print.md lists the clauses), and the output intents."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

PDFX4 = "PDF/X-4"
_HEADER = re.compile(rb"%PDF-(\d)\.(\d)")


def claims(pdf: pikepdf.Pdf, add) -> tuple[str | None, str | None]:
    """(PDF/A flavour such as "2b", PDF/X version) the file claims in its XMP or Info."""
    part = level = xmp_x = None
    try:
        meta = pdf.open_metadata()
        part, level = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
        xmp_x = meta.get("pdfxid:GTS_PDFXVersion")
    except Exception as exc:  # noqa: BLE001 (any malformed XMP is a finding, not a crash)
        add(None, "warning", f"the XMP metadata cannot be read ({_short(exc)})")
    info_x = str(pdf.docinfo.get("/GTS_PDFXVersion", "")) or None
    flavour = f"{part}{(level or '').lower()}" if part else None
    return flavour, xmp_x or info_x


def describe(pdf: pikepdf.Pdf, flavour, pdfx, add) -> str:
    """The summary line; errors where the claims and the output intents clash."""
    named = [f"PDF/A-{flavour}"] if flavour else []
    named += [pdfx] if pdfx else []
    intents = []
    for intent in _intents(pdf):
        profile = intent.get("/DestOutputProfile")
        channels = int(profile.get("/N", 0)) if isinstance(profile, pikepdf.Stream) else 0
        kind = {1: "gray", 3: "RGB", 4: "CMYK"}.get(channels, "no profile")
        ident = str(intent.get("/OutputConditionIdentifier", "")) or "unnamed"
        intents.append(f"{str(intent.get('/S', '/?'))[1:]} {ident} ({kind})")
        if channels == 3:
            add(None, "warning", f"the output intent {ident} is an RGB profile; a print PDF "
                "wants a CMYK one")
        if isinstance(profile, pikepdf.Stream) and "/Filter" not in profile:
            add(None, "warning", f"the output intent's ICC profile is stored uncompressed "
                f"({len(profile.read_raw_bytes()) // 1024} kB); compress it (FlateDecode)")
    if named and not intents:
        add(None, "error", f"claims {' and '.join(named)} but has no output intent")
    elif not intents:
        add(None, "warning", "no output intent: the printer has to guess which CMYK the "
            "colours mean")
    return (", ".join(named) or "neither PDF/A nor PDF/X") + "; output intent: " + \
        (", ".join(intents) or "none")


def _intents(pdf: pikepdf.Pdf) -> list:
    intents = pdf.Root.get("/OutputIntents")
    return [i for i in intents if isinstance(i, pikepdf.Dictionary)] \
        if isinstance(intents, pikepdf.Array) else []


def check_pdfa(path: Path, flavour: str, add) -> None:
    """Every finding of pikepdf's PDF/A validator: violations are errors, what it cannot
    verify ('unsupported') is a warning."""
    try:
        from pikepdf import pdfa
    except ImportError as exc:
        add(None, "warning", f"PDF/A not verified: pikepdf's validator is missing ({exc})")
        return
    try:
        report = pdfa.validate_written(path, flavour)
    except ValueError:
        add(None, "error", f"claims PDF/A-{flavour}, which is not a PDF/A flavour pikepdf "
            "validates (1b, 2b, 3b)")
        return
    seen = set()
    for finding in report.findings:
        key = (finding.rule, finding.message)
        if key in seen:
            continue
        seen.add(key)
        severity = "error" if finding.kind == "violation" else "warning"
        verdict = "not verified" if finding.kind != "violation" else "violated"
        add(None, severity, f"PDF/A-{flavour} {verdict} ({finding.rule}, {finding.where}): "
            f"{finding.message}")


def check_pdfx4(pdf: pikepdf.Pdf, path: Path, pdfx: str, add) -> None:
    """The clauses of ISO 15930-7 (PDF/X-4) a file can be checked against here."""
    def fail(clause, message, page=None):
        add(page, "error", f"PDF/X-4 {clause}: {message}")

    if pdfx != PDFX4:
        fail("identification", f"the file claims {pdfx!r}; only PDF/X-4 is checked")
    with open(path, "rb") as file:
        header = _HEADER.search(file.read(1024))
    version = (int(header.group(1)), int(header.group(2))) if header else (0, 0)
    if not (1, 3) <= version <= (1, 6):
        fail("6.1 version", f"the header says PDF {version[0]}.{version[1]}; PDF/X-4 files "
             "are PDF 1.6 (or lower), %PDF-1.6")
    if pdf.is_encrypted:
        fail("6.1 encryption", "the file is encrypted; PDF/X forbids encryption")
    if "/ID" not in pdf.trailer:
        fail("6.1 file identifier", "the trailer has no /ID")
    _identification(pdf, fail)
    _output_intent(pdf, fail)
    for number, page in enumerate(pdf.pages, start=1):
        _page(page, number, fail)
    _forbidden(pdf, fail)


def _identification(pdf, fail) -> None:
    info = pdf.docinfo
    try:
        meta = pdf.open_metadata()
        get = meta.get
    except Exception:  # noqa: BLE001
        get = lambda key, default=None: default  # noqa: E731
    if "/Metadata" not in pdf.Root:
        fail("6.2.1 metadata", "the catalog has no XMP metadata stream")
    if get("pdfxid:GTS_PDFXVersion") != PDFX4:
        fail("6.2.2 identification", "the XMP has no pdfxid:GTS_PDFXVersion = PDF/X-4")
    if "/GTS_PDFXVersion" in info and str(info.GTS_PDFXVersion) != PDFX4:
        fail("6.2.2 identification", "the Info GTS_PDFXVersion is not PDF/X-4")
    trapped = str(info.get("/Trapped", ""))
    if trapped not in ("/True", "/False"):
        fail("6.2.3 trapping", "the Info dictionary's Trapped must be True or False "
             f"(it is {trapped[1:] or 'missing'})")
    elif str(get("pdf:Trapped", "")) != trapped[1:]:
        fail("6.2.3 trapping", "the XMP pdf:Trapped does not match the Info Trapped")
    for key, what in (("dc:title", "a title"), ("xmp:CreateDate", "a creation date"),
                      ("xmp:ModifyDate", "a modification date"),
                      ("xmpMM:DocumentID", "a document ID"), ("xmpMM:VersionID", "a version ID"),
                      ("xmpMM:RenditionClass", "a rendition class")):
        if not get(key):
            fail("6.2.1 metadata", f"the XMP has no {key} ({what})")


def _output_intent(pdf, fail) -> None:
    intents = _intents(pdf)
    pdfx = [i for i in intents if i.get("/S") == pikepdf.Name.GTS_PDFX]
    if len(pdfx) != 1:
        fail("6.2.4 output intent", f"there must be exactly one GTS_PDFX output intent "
             f"(found {len(pdfx)})")
        return
    intent = pdfx[0]
    if not str(intent.get("/OutputConditionIdentifier", "")):
        fail("6.2.4 output intent", "the GTS_PDFX output intent has no "
             "OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        fail("6.2.4 output intent", "the GTS_PDFX output intent has no DestOutputProfile")
        return
    try:
        head = profile.read_bytes()[:20]
    except pikepdf.PdfError:
        head = b""
    if head[12:16] != b"prtr":
        fail("6.2.4 output intent", "the output profile is not an output (printer) profile")
    others = [i.get("/DestOutputProfile") for i in intents if i is not intent
              and i.get("/DestOutputProfile") is not None]
    if any(p.objgen != profile.objgen for p in others if isinstance(p, pikepdf.Object)):
        fail("6.2.4 output intent", "output intents with different profiles; all must share "
             "the one DestOutputProfile")


def _page(page, number, fail) -> None:
    obj = page.obj
    if "/TrimBox" not in obj and "/ArtBox" not in obj:
        fail("6.2.5 page boxes", "the page has neither TrimBox nor ArtBox", number)
    annots = obj.get("/Annots")
    for annot in annots if isinstance(annots, pikepdf.Array) else []:
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        subtype = str(annot.get("/Subtype", ""))
        if subtype not in ("/PrinterMark", "/TrapNet", "/Link") and \
                int(annot.get("/F", 0) if isinstance(annot.get("/F", 0), int) else 0) & 4:
            fail("6.5 annotations", f"a printing {subtype[1:] or 'unnamed'} annotation; only "
                 "printer's marks and trap networks may print", number)


def _forbidden(pdf, fail) -> None:
    """Transfer functions, PostScript, JavaScript and actions, which PDF/X forbids."""
    for number, page in enumerate(pdf.pages, start=1):
        for resources in _resources(page.obj.get("/Resources")):
            states = resources.get("/ExtGState")
            for state in states.values() if isinstance(states, pikepdf.Dictionary) else []:
                for key in ("/TR", "/TR2"):
                    value = state.get(key) if isinstance(state, pikepdf.Dictionary) else None
                    if value is not None and value != pikepdf.Name.Default:
                        fail("6.3 transfer functions", f"an ExtGState has a transfer function "
                             f"({key}); PDF/X forbids them", number)
            xobjects = resources.get("/XObject")
            for xobj in xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else []:
                if isinstance(xobj, pikepdf.Stream) and xobj.get("/Subtype") == pikepdf.Name.PS:
                    fail("6.3 PostScript", "a PostScript XObject; PDF/X forbids them", number)
    actions = [pdf.Root.get("/OpenAction"), *_values(pdf.Root.get("/AA"))]
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        fail("6.6 actions", "the document has JavaScript; PDF/X forbids it")
    for page in pdf.pages:
        actions += _values(page.obj.get("/AA"))
    for action in actions:
        if isinstance(action, pikepdf.Dictionary) and \
                str(action.get("/S", "")) in ("/JavaScript", "/Launch", "/ResetForm",
                                              "/ImportData", "/SubmitForm"):
            fail("6.6 actions", f"a {str(action.S)[1:]} action; PDF/X forbids it")


def _values(obj) -> list:
    return list(obj.values()) if isinstance(obj, pikepdf.Dictionary) else []


def _resources(resources, depth: int = 0):
    """A resource dictionary and those of the forms it draws, to a bounded depth."""
    if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
        return
    yield resources
    xobjects = resources.get("/XObject")
    for xobj in xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else []:
        if isinstance(xobj, pikepdf.Stream) and xobj.get("/Subtype") == pikepdf.Name.Form:
            yield from _resources(xobj.get("/Resources"), depth + 1)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
