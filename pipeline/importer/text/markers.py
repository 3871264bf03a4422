"""The markers and labels the importer recognises, and the documented list of what it consumes."""

from __future__ import annotations

import re

# What the importer may take out of the running text. Every other word of the input is
# kept, in order, in the output's text values (title, lead, body). Each consumed piece of
# text is recorded under one of these kinds (see ``Piece``), and the word-preservation
# tests accept nothing else.
CONSUMED = {
    "question marker": "P.V:, PV:, Phóng viên: (any case, optionally followed by - or –) and "
                       "*, •, -, – at the start of a question",
    "answer label": "'<honorific> <Name>:' at the start of an answer (optionally after - and "
                    "before -); its words become the person's label",
    "answer marker": "- or – at the start of an answer",
    "bullet": "* or • at the start of a paragraph that is not a question",
    "duplicate caption": "the second of two identical lines (a photo's alt text and caption)",
    "repeated headline": "a later line identical to the headline (a photo's alt text)",
    "file-name alt text": "a line that is just an image file name; kept in a YAML comment",
    "credit prefix": "'Ảnh:' (with the - – ( before it) between a caption and its credit",
    "byline": "the closing 'X thực hiện' line, or a name line after the closing thanks; "
              "becomes 'byline'",
    "source": "the closing 'Theo X' line, or '(X)' after the byline; becomes 'publication'",
    "dateline": "a short line that only gives the date; becomes 'date'",
    "url": "a line that is only a web address; becomes 'url'",
}

HONORIFICS = sorted([
    "Đồng chí", "Ông", "Bà", "Anh", "Chị", "Cô", "Thầy", "Chú", "Bác", "Em", "Cụ", "Ngài",
    "Nhà báo", "Nhà văn", "Nhà thơ", "Đại biểu", "Luật sư", "Bác sĩ", "Bác sỹ", "Kỹ sư",
    "Kiến trúc sư", "Giáo sư", "Phó giáo sư", "Tiến sĩ", "Thạc sĩ", "Nghệ sĩ", "NSND", "NSƯT",
    "GS", "PGS", "TS", "ThS", "BS", "LS", "KTS", "GS.TS", "PGS.TS", "GS.TSKH", "PGS.TSKH",
    "TSKH", "TS.BS", "ThS.BS", "BSCKII", "Đại tướng", "Thượng tướng", "Trung tướng",
    "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy", "Đại uý",
    "Chủ tịch", "Phó Chủ tịch", "Bộ trưởng", "Thứ trưởng", "Bí thư", "Phó Bí thư",
    "Giám đốc", "Tổng Giám đốc", "Hiệu trưởng", "Hiệp sĩ",
], key=len, reverse=True)
_HON = "|".join(re.escape(h) for h in HONORIFICS)
_HON_CANON = {h.casefold(): h for h in HONORIFICS}

DASHES = "-–—"
PV_RE = re.compile(r"^(?:[-–—]\s*)?(?P<who>(?i:p\.\s?v\.?|pv|phóng viên))\s*:(?:\s*[-–—](?=\s|$))?\s*")
LABEL_RE = re.compile(
    r"^(?:[-–—]\s*)?(?P<hon>(?i:" + _HON + r"))(?P<names>(?:\s+\w[\w.'’]*){1,6})"
    r"(?P<paren>\s*\([^()]{1,80}\))?\s*:(?:\s*[-–—](?=\s|$))?\s*")
STAR_RE = re.compile(r"^[*•●▪]+\s+")
DASH_RE = re.compile(r"^[-–—]\s+")
WORD_RE = re.compile(r"\w+")

# Lost paragraph breaks: where a new turn starts inside a line.
_SENT_END = r"(?<=[.?!…\"”»)])"
STRONG_SPLIT_RE = re.compile(
    _SENT_END + r"\s+(?=(?:p\.\s?v\.?|pv|phóng viên)\s*:|(?:" + _HON + r")(?:\s+\w[\w.]*){1,6}\s*:)",
    re.IGNORECASE)
WEAK_SPLIT_RE = re.compile(_SENT_END + r"\s+(?=[*•]\s|[-–—]\s+\w)")

CREDIT_RE = re.compile(
    r"(?P<sep>\s*(?:[-–—|]\s*|\(\s*)?)(?<!\w)(?P<prefix>(?i:ảnh(?:\s+minh\s+(?:họa|hoạ)|\s+tư\s+liệu)?"
    r"|nguồn\s+ảnh))\s*:\s*(?P<credit>[^:()]{1,60}?)\s*\)?\s*$")
FILENAME_RE = re.compile(r"^[\w\-.()+ ]{1,80}\.(?i:jpe?g|png|gif|webp|bmp|tiff?)$")
THANKS_RE = re.compile(r"(?i)\b(?:cảm ơn|cám ơn|xin cảm|trân trọng cảm)")
SOURCE_RE = re.compile(r"^(?P<pre>Theo)\s+(?P<src>[^,;:]{2,60}?)[.\s]*$")
BYLINE_RE = re.compile(r"^(?P<who>.{2,80}?)\s+(?P<post>(?i:thực hiện|ghi|ghi lại|lược ghi))[.\s]*$")
URL_RE = re.compile(r"^https?://\S+$")
DATE_NUM_RE = re.compile(r"\b(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)\b")
DATE_WORD_RE = re.compile(r"(?i)\bngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d\d)\b")
PULL_QUOTE_RE = re.compile(r"\s[-–—]\s+(?:" + _HON + r")(?:\s+\w[\w.]*){1,6}\s*$")
DATELINE_PREFIX_RE = re.compile(r"^(?P<abbr>[A-ZĐ][A-ZĐ.]{1,9}|\([^()]{2,20}\))\s*[-–—]\s+\S")
KNOWN_PREFIXES = {
    "TTO": "Tuổi Trẻ Online", "TT": "Tuổi Trẻ", "TN": "Thanh Niên", "SGGP": "Sài Gòn Giải Phóng",
    "NDĐT": "Nhân Dân điện tử", "VOV": "VOV", "VOV.VN": "VOV", "ANTĐ": "An ninh Thủ đô",
    "PLO": "Pháp Luật TP.HCM", "TTXVN": "TTXVN", "VNA": "TTXVN", "(Dân trí)": "Dân trí",
}


def words(text: str) -> list[str]:
    """The words of a text, as the word-preservation rule counts them."""
    return WORD_RE.findall(text)


def canonical_honorific(hon: str) -> str:
    return _HON_CANON.get(" ".join(hon.split()).casefold(), hon)


def is_question(text: str) -> bool:
    """Ends with a question mark (closing quotes and brackets aside)."""
    return text.rstrip(" \"'”’»)]").endswith("?")


def ends_sentence(text: str) -> bool:
    return text.rstrip(" \"'”’»)]").endswith((".", "?", "!", "…", ":", ";"))


class Marker:
    """What starts a paragraph: kind "pv", "label", "star", "dash" or None; ``consumed`` is
    the marker text taken off, ``body`` the rest; ``label`` the answer label as printed."""

    __slots__ = ("kind", "consumed", "body", "label", "names", "trail_dash", "who")

    def __init__(self, kind, consumed, body, label=None, names=None, trail_dash=False, who=None):
        self.kind, self.consumed, self.body = kind, consumed, body
        self.label, self.names, self.trail_dash, self.who = label, names, trail_dash, who


def _title_word(word: str) -> str:
    return word.capitalize() if word.isupper() and len(word) > 1 and "." not in word else word


def parse_marker(text: str) -> Marker:
    m = PV_RE.match(text)
    if m and len(text) > m.end():
        return Marker("pv", text[:m.end()].rstrip(), text[m.end():], who=m.group("who"),
                      trail_dash=m.group(0).rstrip()[-1] in DASHES)
    m = LABEL_RE.match(text)
    if m and len(text) > m.end():
        names = m.group("names").split()
        if all(w[0].isupper() for w in names):
            names = [_title_word(w) for w in names]
            label = canonical_honorific(m.group("hon")) + " " + " ".join(names)
            return Marker("label", text[:m.end()].rstrip(), text[m.end():], label=label,
                          names=names, trail_dash=m.group(0).rstrip()[-1] in DASHES)
    m = STAR_RE.match(text)
    if m and len(text) > m.end():
        return Marker("star", m.group(0).rstrip(), text[m.end():])
    m = DASH_RE.match(text)
    if m and len(text) > m.end():
        return Marker("dash", m.group(0).rstrip(), text[m.end():])
    return Marker(None, "", text)
