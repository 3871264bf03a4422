"""Preflight checks of one PDF: boxes and bleed, fonts, colour, image resolution, PDF/A and PDF/X."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from pipeline.preflight_scan import PageScan, is_rgb, scan_page

MM = 72 / 25.4
MIN_BLEED_MM = 3.0
WARN_PPI = 300
ERROR_PPI = 150
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_EPS = 0.01  # points: rounding in box numbers


@dataclass(frozen=True)
class Finding:
    page: int | None  # 1-based; None for the document as a whole
    severity: str  # "error" | "warning"
    message: str


@dataclass
class Report:
    """Findings and a short description of one file."""

    path: Path
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)  # summary heading -> text

    def add(self, page, severity, message) -> None:
        finding = Finding(page, severity, message)
        if finding not in self.findings:
            self.findings.append(finding)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def preflight_file(path: Path) -> Report:
    """Open and check one file; a file that is not a readable PDF gives one error."""
    report = Report(path)
    try:
        with open(path, "rb") as file:
            head = file.read(1024)
    except OSError as exc:
        report.add(None, "error", f"cannot be read ({exc.strerror or exc})")
        return report
    if b"%PDF-" not in head:
        report.add(None, "error", "not a PDF file (no %PDF- header)")
        return report
    try:
        with pikepdf.open(path) as pdf:
            _check(pdf, report)
            for warning in dict.fromkeys(pdf.get_warnings()):
                report.add(None, "warning", f"damaged file, repaired on reading: "
                           f"{_short(Exception(warning))}")
    except pikepdf.PasswordError:
        report.add(None, "error", "the PDF is encrypted; a print PDF must open without a "
                   "password")
    except (pikepdf.PdfError, ValueError) as exc:
        report.add(None, "error", f"not a readable PDF ({_short(exc)})")
    return report


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _check(pdf: pikepdf.Pdf, report: Report) -> None:
    report.pages = len(pdf.pages)
    geometry: dict[str, list[int]] = {}
    fonts: dict[str, str] = {}
    spaces: set[str] = set()
    images = []
    for number, page in enumerate(pdf.pages, start=1):
        geometry.setdefault(_boxes(page, number, report), []).append(number)
        scan = scan_page(page)
        _fonts(scan, number, report, fonts)
        _colours(scan, number, report)
        _images(scan, number, report)
        for problem in scan.problems:
            report.add(number, "error", problem)
        spaces.update(scan.spaces)
        images.extend((use.ppi, number) for use in scan.images)
    report.facts["boxes"] = "; ".join(f"{_ranges(pages)}: {text}"
                                      for text, pages in geometry.items()) or "no pages"
    report.facts["fonts"] = ", ".join(f"{name} ({kind})" for name, kind in sorted(fonts.items())) \
        or "none showing text"
    report.facts["colour"] = ", ".join(sorted(spaces)) or "none"
    if images:
        ppi, page = min(images)
        report.facts["images"] = f"{len(images)} placed, lowest {ppi:.0f} ppi (page {page})"
    else:
        report.facts["images"] = "none"
    report.facts["standard"] = _standard(pdf, report)


def _box(page: pikepdf.Page, key: str):
    obj = page.obj
    for _ in range(32):  # MediaBox may be inherited from the page tree
        if key in obj:
            x0, y0, x1, y1 = (float(v) for v in obj[key])
            return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
        if key != "/MediaBox" or "/Parent" not in obj:
            return None
        obj = obj.Parent
    return None


def _mm(points: float) -> str:
    return f"{points / MM:.1f}".removesuffix(".0")


def _size(box) -> str:
    return f"{_mm(box[2] - box[0])} x {_mm(box[3] - box[1])} mm"


def _boxes(page: pikepdf.Page, number: int, report: Report) -> str:
    """Check TrimBox/BleedBox and the bleed; return a description for the summary."""
    media = _box(page, "/MediaBox")
    if media is None:
        report.add(number, "error", "no MediaBox")
        return "no MediaBox"
    trim, bleed_box = _box(page, "/TrimBox"), _box(page, "/BleedBox")
    if trim is None:
        report.add(number, "error", "no TrimBox: the printer cannot tell the finished size")
    if bleed_box is None:
        report.add(number, "error", "no BleedBox: the printer cannot tell how far the "
                   "artwork bleeds")
    if trim is None:
        return f"media {_size(media)}, no TrimBox"
    if not _inside(trim, media):
        report.add(number, "error", "the TrimBox reaches outside the MediaBox")
    if bleed_box is None:
        return f"trim {_size(trim)}, media {_size(media)}, no BleedBox"
    # The BleedBox is clipped to the MediaBox (ISO 32000 14.11.2).
    bleed_box = (max(bleed_box[0], media[0]), max(bleed_box[1], media[1]),
                 min(bleed_box[2], media[2]), min(bleed_box[3], media[3]))
    sides = {"left": trim[0] - bleed_box[0], "bottom": trim[1] - bleed_box[1],
             "right": bleed_box[2] - trim[2], "top": bleed_box[3] - trim[3]}
    side, least = min(sides.items(), key=lambda item: round(item[1], 2))
    text = f"trim {_size(trim)}, bleed {_mm(max(least, 0))} mm, media {_size(media)}"
    if _same(trim, media):
        report.add(number, "warning", "no bleed: the TrimBox is the whole page (printed at "
                   "its final size, not trimmed)")
    elif least < MIN_BLEED_MM * MM - _EPS:
        report.add(number, "error", f"bleed is {_mm(max(least, 0))} mm at the {side} edge; "
                   f"at least {MIN_BLEED_MM:g} mm is needed on every side")
    return text


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - _EPS and inner[1] >= outer[1] - _EPS
            and inner[2] <= outer[2] + _EPS and inner[3] <= outer[3] + _EPS)


def _same(a, b) -> bool:
    return all(abs(x - y) <= _EPS for x, y in zip(a, b))


def _ranges(pages: list[int]) -> str:
    """[1, 2, 3, 5] -> "pages 1-3, 5"."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    text = ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
    return ("page " if len(pages) == 1 else "pages ") + text


def font_kind(font) -> tuple[str, str, bool]:
    """(name, description, embedded) of a font dictionary."""
    name = str(font.get("/BaseFont", "/(unnamed)"))[1:]
    subtype = str(font.get("/Subtype", "/?"))[1:]
    descriptor = font.get("/FontDescriptor")
    if subtype == "Type0":
        descendants = font.get("/DescendantFonts") or []
        if len(descendants):
            subtype += "/" + str(descendants[0].get("/Subtype", "/?"))[1:]
            descriptor = descendants[0].get("/FontDescriptor")
    if subtype == "Type3":
        embedded = True
    else:
        embedded = descriptor is not None and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    subset = bool(_SUBSET.match(name))
    description = f"{subtype}, " + ("embedded subset" if embedded and subset
                                    else "embedded" if embedded else "NOT embedded")
    return name, description, embedded


def _fonts(scan: PageScan, number: int, report: Report, fonts: dict) -> None:
    for font in scan.fonts.values():
        name, description, embedded = font_kind(font)
        fonts[name] = description
        if not embedded:
            report.add(number, "error", f"font {name} ({description.split(',')[0]}) is not "
                       "embedded; the printer would substitute another")


def _colours(scan: PageScan, number: int, report: Report) -> None:
    for space, how in scan.spaces.items():
        if is_rgb(space) and not how.startswith(("image", "inline image")):
            report.add(number, "error", f"RGB colour ({space}) in the content, set by {how}; "
                       "a print PDF must use CMYK")


def _images(scan: PageScan, number: int, report: Report) -> None:
    for use in scan.images:
        where = (f"{use.label} ({use.pixels[0]} x {use.pixels[1]} px, placed "
                 f"{_mm(use.size_pt[0])} x {_mm(use.size_pt[1])} mm)")
        if is_rgb(use.space):
            report.add(number, "error", f"{where} is RGB ({use.space}); convert it to CMYK")
        if use.ppi < ERROR_PPI:
            report.add(number, "error", f"{where} is {use.ppi:.0f} ppi, under {ERROR_PPI} ppi")
        elif use.ppi < WARN_PPI:
            report.add(number, "warning", f"{where} is {use.ppi:.0f} ppi, under {WARN_PPI} ppi")


def _standard(pdf: pikepdf.Pdf, report: Report) -> str:
    """PDF/A and PDF/X claims (XMP, Info) and the output intents; findings where they clash."""
    claims = []
    try:
        meta = pdf.open_metadata()
        part, level = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
        pdfx = meta.get("pdfxid:GTS_PDFXVersion") or meta.get("pdfx:GTS_PDFXVersion")
    except Exception as exc:  # noqa: BLE001 (any malformed XMP is a finding, not a crash)
        report.add(None, "warning", f"the XMP metadata cannot be read ({_short(exc)})")
        part = level = pdfx = None
    if part:
        claims.append(f"PDF/A-{part}{(level or '').lower()}")
    pdfx = pdfx or (str(pdf.docinfo["/GTS_PDFXVersion"])
                    if "/GTS_PDFXVersion" in pdf.docinfo else None)
    if pdfx:
        claims.append(str(pdfx))
    intents = []
    for intent in pdf.Root.get("/OutputIntents", []):
        profile = intent.get("/DestOutputProfile")
        channels = int(profile.get("/N", 0)) if profile is not None else 0
        kind = {1: "gray", 3: "RGB", 4: "CMYK"}.get(channels, "no profile")
        ident = str(intent.get("/OutputConditionIdentifier", "")) or "unnamed"
        intents.append(f"{str(intent.get('/S', '/?'))[1:]} {ident} ({kind})")
        if channels == 3:
            report.add(None, "warning", f"the output intent {ident} is an RGB profile; a "
                       "print PDF wants a CMYK one")
    if claims and not intents:
        report.add(None, "error", f"claims {' and '.join(claims)} but has no output intent")
    elif not intents:
        report.add(None, "warning", "no output intent: the printer has to guess which CMYK "
                   "the colours mean")
    return (", ".join(claims) or "neither PDF/A nor PDF/X") + "; output intent: " + \
        (", ".join(intents) or "none")
