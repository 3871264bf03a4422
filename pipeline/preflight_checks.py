"""Preflight checks of one PDF: boxes and bleed, fonts, colour, image resolution, PDF/A and PDF/X."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from pipeline import preflight_standard as standard
from pipeline.preflight_ink import check_inks, knockout_note
from pipeline.preflight_render import render_checks
from pipeline.preflight_scan import PageScan, scan_page
from pipeline.preflight_values import is_rgb

MM = 72 / 25.4
MIN_BLEED_MM = 3.0
WARN_PPI = 300
ERROR_PPI = 150
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_EPS = 0.01  # points: rounding in box numbers
# What reading a malformed file can raise anywhere (objects of the wrong type, cycles, huge
# numbers): a finding about the file, never a traceback.
_MALFORMED = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError,
              RecursionError, ZeroDivisionError)


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
    subsets: dict[str, str] = field(default_factory=dict)  # subset font name -> program hash
    _seen: set[Finding] = field(default_factory=set, repr=False)

    def add(self, page, severity, message) -> None:
        finding = Finding(page, severity, message)
        if finding not in self._seen:
            self._seen.add(finding)
            self.findings.append(finding)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def preflight_file(path: Path, render: bool = True) -> Report:
    """Open and check one file; a file that is not a readable PDF gives one error.
    ``render``: also check what pdfium draws (safety margin, text over text)."""
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
            _check(pdf, path, report, render)
            for warning in dict.fromkeys(pdf.get_warnings()):
                report.add(None, "warning", f"damaged file, repaired on reading: "
                           f"{_short(Exception(warning))}")
    except pikepdf.PasswordError:
        report.add(None, "error", "the PDF is encrypted; a print PDF must open without a "
                   "password")
    except (pikepdf.PdfError, *_MALFORMED) as exc:
        report.add(None, "error", f"not a readable PDF ({_short(exc)})")
    return report


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _check(pdf: pikepdf.Pdf, path: Path, report: Report, render: bool) -> None:
    report.pages = len(pdf.pages)
    if pdf.is_encrypted:
        report.add(None, "error", "the PDF is encrypted; PDF/A and PDF/X forbid encryption, "
                   "and a print shop needs to open it freely: save it without security")
    flavour, pdfx = standard.claims(pdf, lambda *a: report.add(*a))
    has_x_intent = any(i.get("/S") == pikepdf.Name.GTS_PDFX for i in standard._intents(pdf))
    geometry: dict[str, list[int]] = {}
    fonts: dict[str, str] = {}
    spaces: set[str] = set()
    images = []
    trims, knockouts = {}, []
    for number, page in enumerate(pdf.pages, start=1):
        geometry.setdefault(_boxes(page, number, report), []).append(number)
        trim = _box(page, "/TrimBox")
        if trim is not None:
            trims[number] = trim
        try:
            scan = scan_page(page)
        except _MALFORMED as exc:
            report.add(number, "error", f"the page's content cannot be read ({_short(exc)})")
            continue
        _fonts(scan, number, report, fonts)
        _colours(scan, number, report)
        _images(scan, number, report)
        if check_inks(scan.inks, lambda sev, msg, n=number: report.add(n, sev, msg),
                      pdfx=bool(pdfx or has_x_intent)):
            knockouts.append(number)
        for problem in scan.problems:
            report.add(number, "error", problem)
        for note in scan.unchecked:
            report.add(number, "warning", note)
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
    if pdfx or has_x_intent:
        report.facts["black"] = "overprints" if not knockouts else "knocks out (errors above)"
    elif knockouts:  # a press file has it as an error; an office PDF/A file only says so
        report.facts["black"] = knockout_note(knockouts)
    report.facts["standard"] = standard.describe(pdf, flavour, pdfx,
                                                 lambda *a: report.add(*a))
    if flavour:
        _guarded(report, "PDF/A", standard.check_pdfa, path, flavour,
                 lambda *a: report.add(*a))
    if pdfx or has_x_intent:
        _guarded(report, "PDF/X-4", standard.check_pdfx4, pdf, path, pdfx or "(none)",
                 lambda *a: report.add(*a))
    _guarded(report, "font subsets", _subset_programs, pdf, report)
    if render:
        _guarded(report, "the rendered pages", render_checks, path, trims,
                 lambda *a: report.add(*a))


def _guarded(report: Report, what: str, check, *args) -> None:
    """Run a check over a file that may be malformed anywhere: what it cannot read is a
    finding, not a traceback."""
    try:
        check(*args)
    except (pikepdf.PdfError, *_MALFORMED) as exc:
        report.add(None, "warning", f"{what} could not be checked: the file is malformed "
                   f"there ({_short(exc)})")


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


def _subset_programs(pdf: pikepdf.Pdf, report: Report) -> None:
    """Subset name -> hash of its embedded program, to find one name used for two subsets."""
    import hashlib

    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        for font in (fonts.values() if isinstance(fonts, pikepdf.Dictionary) else []):
            name, _, embedded = font_kind(font)
            if not (embedded and _SUBSET.match(name)) or name in report.subsets:
                continue
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font.DescendantFonts[0].get("/FontDescriptor")
            program = next((descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile")
                            if descriptor is not None and k in descriptor), None)
            try:
                data = program.read_bytes() if program is not None else b""
            except pikepdf.PdfError:
                data = b""
            report.subsets[name] = hashlib.sha256(data).hexdigest()


def colliding_subsets(reports: list[Report]) -> list[str]:
    """Messages for subset names that stand for different subsets in different files (a RIP
    caching fonts by name, or a shop ganging the jobs, would print the wrong glyphs)."""
    first: dict[str, tuple[str, Path]] = {}
    messages = []
    for report in reports:
        for name, digest in report.subsets.items():
            if name not in first:
                first[name] = (digest, report.path)
            elif first[name][0] != digest:
                messages.append(f"font subset {name} in {report.path} is not the subset of "
                                f"that name in {first[name][1]}; subset prefixes must differ "
                                "when the subsets do")
    return messages


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
