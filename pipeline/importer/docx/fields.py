"""Top-level source fields from the DOCX head paragraphs, running header and properties."""

from __future__ import annotations

import datetime as dt
import re

from pipeline import contract, inline
from pipeline.importer.docx.blocks import Body
from pipeline.importer.docx.package import Package, w

_DMY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_SEPARATORS = " ·|–-,"


def _join(values: list[str] | None) -> str | None:
    text = inline.normalize(" ".join(values or []))
    return text or None


def _date(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _iso(stamp: str) -> str | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", stamp or "")
    return _date(m.group(3), m.group(2), m.group(1)) if m else None


def _language(tag: str) -> str | None:
    from pipeline.writers.docx.styles import language_tag

    tag = tag.strip()
    if not re.match(contract.LANGUAGE_PATTERN, tag):
        return None
    base = tag.split("-")[0]
    return base if language_tag(base) == tag else tag


def _running(pkg: Package) -> str | None:
    """The running header's text when it is plain text (the handout prints the event)."""
    for root in pkg.headers:
        if any(el.tag in (w("fldSimple"), w("fldChar")) for el in root.iter()):
            continue
        text = inline.normalize("".join(t.text or "" for t in root.iter(w("t"))))
        if text:
            return text
    return None


def _publication(keywords: str, names: list[str]) -> str | None:
    """The writer's keywords are "Publication, Name, …" (LibreOffice joins them with spaces):
    the publication is what is left when the interviewees' names are taken off the end."""
    keywords = inline.normalize(keywords)
    for sep in (", ", " "):
        rest, left = keywords, set(filter(None, names))
        while left:
            name = next((n for n in left if rest.endswith(sep + n)), None)
            if name is None:
                break
            rest, left = rest[: -len(sep + name)], left - {name}
        if not left:
            return rest.strip() or None
    return None if names else keywords or None


def fields(body: Body, pkg: Package, stored: dict[str, str | None] | None = None
           ) -> tuple[dict[str, str | None], list[str]]:
    """The source's top-level values (None: absent) and notes on what had to be guessed.
    ``stored``: the url, event, issue and language the writer stored (docProps/custom.xml),
    used for what the DOCX does not print; None when it stored nothing (then they are
    guessed from the core properties, or left out)."""
    head, core, notes = body.head, pkg.core, []
    out: dict[str, str | None] = {
        "title": _join(head.get("title")) or inline.normalize(core.get("title", "")) or None,
        "kicker": _join(head.get("kicker")),
        "byline": _join(head.get("byline")),
        "publication": _join(head.get("masthead")),
        "issue": None, "event": None,
        "language": _language(core.get("language", "")),
    }
    info = printed = _join(head.get("masthead-info")) or ""
    created = _iso(core.get("created", ""))
    dates = list(_DMY.finditer(info))  # the masthead's date follows the issue; an issue may
    found = next((m for m in dates if _date(*m.groups()) == created), None) or (  # hold one
        dates[-1] if dates else None)
    out["date"] = (_date(*found.groups()) if found else None) or created
    if found:
        info = info[: found.start()] + " " + info[found.end():]
    out["issue"] = inline.normalize(info).strip(_SEPARATORS) or None
    if stored is not None:
        out["url"] = stored["url"]
        out["language"] = stored["language"] or out["language"]
        # The printed issue wins; the stored one says exactly what it was when still there.
        if not out["issue"] or (stored["issue"] and stored["issue"] in printed):
            out["issue"] = stored["issue"]
    names = [p.name or p.label for p in body.people.people if p.role == "interviewee"]
    if not out["publication"]:
        out["publication"] = _publication(core.get("keywords", ""), names)
    if not out["publication"] and not out["byline"]:
        out["publication"] = inline.normalize(core.get("creator", "")) or None
    event = _running(pkg)
    subject = inline.normalize(core.get("subject", ""))
    if stored is not None:
        event = event or stored["event"]
    elif not event and not out["kicker"] and subject and subject != out["publication"]:
        event = subject
    if event and event != out["publication"]:
        out["event"] = event
    for key, what in (("title", "the headline (no Title paragraph)"),
                      ("publication", "the newspaper's name (no masthead or properties)"),
                      ("date", "the publication date (no masthead date or created date)")):
        if not out[key]:
            notes.append(f"TODO: {what}")
    return out, notes
