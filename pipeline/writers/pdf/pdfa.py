"""PDF/A-2b: document info, matching XMP metadata, FOGRA39 output intent, pinned dates and ID."""

from __future__ import annotations

import calendar
import hashlib
import time
from html import escape as _html_escape

from pipeline import __version__
from pipeline.model import Document, plain_text
from pipeline.writers.pdf.images import OUTPUT_PROFILE


def xml_escape(text: str) -> str:
    """Text for XMP element content (xml.sax.saxutils would import urllib: start-up time)."""
    return _html_escape(text, quote=False)

PRODUCER = f"interview-pipeline {__version__} (ReportLab)"
CONDITION = "FOGRA39"
CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"


def epoch(doc: Document) -> int:
    """Midnight UTC of the source's date: the document date of every output (as the DOCX's
    created/modified). Nothing in a PDF is a build time, so SOURCE_DATE_EPOCH has no say."""
    return calendar.timegm(doc.date.timetuple())


def info(doc: Document) -> dict[str, str]:
    who = doc.interviewees[0] if doc.interviewees else None
    subject = " ".join(plain_text(p) for p in doc.lead) or doc.kicker or doc.title
    keywords = ", ".join(k for k in (doc.publication, who and (who.name or who.label),
                                     "phỏng vấn") if k)
    return {"title": doc.title, "author": doc.byline or doc.publication, "subject": subject,
            "keywords": keywords, "creator": "interview-pipeline", "producer": PRODUCER}


def apply(canv, doc: Document, layout_name: str) -> None:
    """Set everything PDF/A-2b asks of the document on a ReportLab canvas before save."""
    from reportlab.lib.utils import TimeStamp
    from reportlab.pdfbase import pdfdoc

    meta = info(doc)  # the Info dictionary itself is set by the doc template from info()
    t = epoch(doc)
    stamp = TimeStamp(invariant=1)
    stamp.t, stamp.lt = t, time.gmtime(t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    pdf = canv._doc
    pdf._timeStamp = stamp
    iso = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", stamp.lt)

    catalog = pdf.Catalog
    xmp = _PlainXMP(creator=lambda _doc: _xmp(meta, iso, doc.language).encode("utf-8"))
    catalog.Metadata = xmp
    profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4}), OUTPUT_PROFILE.read_bytes())
    intent = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString(CONDITION),
        "Info": pdfdoc.PDFString(CONDITION_INFO),
        "RegistryName": pdfdoc.PDFString("http://www.color.org"),
        "DestOutputProfile": pdf.Reference(profile, "OutputProfile"),
    })
    catalog.OutputIntents = pdfdoc.PDFArray([pdf.Reference(intent, "OutputIntent")])
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
    catalog.__Refs__ = type(catalog).__Refs__
    # A fixed document ID: the same source and layout give the same ID, and different ones
    # differ (ReportLab's invariant mode would give every document the same ID).
    digest = hashlib.md5(f"{doc.source_path.name}\0{layout_name}\0{meta}\0{t}".encode())
    pdf.signature = digest


def _plain_xmp_class():
    from reportlab.pdfbase import pdfdoc

    class PlainXMP(pdfdoc.XMP):
        """An XMP stream without /Filter (PDF/A wants metadata readable as plain text)."""

        def format(self, document):
            saved, document.defaultStreamFilters = document.defaultStreamFilters, None
            try:
                return super().format(document)
            finally:
                document.defaultStreamFilters = saved

    return PlainXMP


def _PlainXMP(**kw):  # noqa: N802 - a class made on first use, so ReportLab loads lazily
    return _plain_xmp_class()(**kw)


def _xmp(meta: dict[str, str], iso: str, lang: str) -> str:
    e = {k: xml_escape(v) for k, v in meta.items()}
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e['title']}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e['author']}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e['subject']}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{xml_escape(lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{e['producer']}</pdf:Producer><pdf:Keywords>{e['keywords']}</pdf:Keywords>
<pdf:Trapped>False</pdf:Trapped>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{e['creator']}</xmp:CreatorTool>
<xmp:CreateDate>{iso}</xmp:CreateDate><xmp:ModifyDate>{iso}</xmp:ModifyDate>
<xmp:MetadataDate>{iso}</xmp:MetadataDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
