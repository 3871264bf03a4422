"""The standard a print PDF claims: PDF/A-2b (default) or PDF/X-4 (`--pdfx`), with the
Info dictionary, matching XMP, the FOGRA39 output intent, PDF 1.6 header, pinned dates and ID.

One file cannot claim both here: the PDF/A validator the project is held to (pikepdf's)
refuses GTS_PDFX output intents, XMP extension schemas and overprint mode 1, which PDF/X-4
needs (docs/print.md)."""

from __future__ import annotations

import calendar
import hashlib
import time
from html import escape as _html_escape

from pipeline import __version__
from pipeline.model import Document, plain_text
from pipeline.writers.pdf.images import OUTPUT_PROFILE

PDFA, PDFX = "PDF/A-2b", "PDF/X-4"
PRODUCER = f"interview-pipeline {__version__} (ReportLab)"
CONDITION = "FOGRA39"
CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"
REGISTRY = "http://www.color.org"
PDF_VERSION = (1, 6)  # PDF/X-4 is PDF 1.6; PDF/A-2 accepts any header up to 1.7


def xml_escape(text: str) -> str:
    """Text for XMP element content (xml.sax.saxutils would import urllib: start-up time)."""
    return _html_escape(text, quote=False)


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


def apply(canv, doc: Document, layout_name: str, standard: str = PDFA) -> None:
    """Set everything the standard asks of the document on a ReportLab canvas before save."""
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
    pdf._pdfVersion = PDF_VERSION
    if standard == PDFX:
        _info_with_pdfx(pdf)
    # A fixed document ID: the same source, layout and standard give the same ID, and
    # different ones differ (ReportLab's invariant mode would give every document one ID).
    digest = hashlib.md5(f"{doc.source_path.name}\0{layout_name}\0{meta}\0{t}\0{standard}"
                         .encode())
    pdf.signature = digest
    catalog = pdf.Catalog
    packet = xmp(meta, iso, doc.language, digest.hexdigest(), standard).encode("utf-8")
    catalog.Metadata = _PlainXMP(creator=lambda _doc: packet)
    profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4}), OUTPUT_PROFILE.read_bytes(),
                               filters=[pdfdoc.PDFZCompress])
    subtype = "GTS_PDFX" if standard == PDFX else "GTS_PDFA1"
    intent = output_intent(subtype, pdf.Reference(profile, "OutputProfile"))
    catalog.OutputIntents = pdfdoc.PDFArray([pdf.Reference(intent, "OutputIntent")])
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
    catalog.__Refs__ = type(catalog).__Refs__


def output_intent(subtype: str, profile_ref):
    from reportlab.pdfbase import pdfdoc

    return pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName(subtype),
        "OutputConditionIdentifier": pdfdoc.PDFString(CONDITION),
        "OutputCondition": pdfdoc.PDFString(CONDITION_INFO),
        "Info": pdfdoc.PDFString(CONDITION_INFO),
        "RegistryName": pdfdoc.PDFString(REGISTRY),
        "DestOutputProfile": profile_ref,
    })


def _info_with_pdfx(pdf) -> None:
    """ReportLab's Info dictionary (it writes Trapped /False) plus GTS_PDFXVersion."""
    from reportlab.pdfbase import pdfdoc

    class PrintInfo(type(pdf.info)):
        def format(self, document):
            text = super().format(document)
            entry = pdfdoc.PDFString(PDFX).format(document)
            return text.replace(b"<<", b"<<\n/GTS_PDFXVersion " + entry, 1)

    pdf.info.__class__ = PrintInfo


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


def xmp(meta: dict[str, str], iso: str, lang: str, doc_id: str, standard: str) -> str:
    """The XMP packet: Dublin Core, dates, producer, the document and version IDs and
    rendition class (PDF/X-4 asks for them), and the claim: pdfaid, or pdfxid with
    pdf:Trapped."""
    e = {k: xml_escape(v) for k, v in meta.items()}
    uid = f"{doc_id[:8]}-{doc_id[8:12]}-{doc_id[12:16]}-{doc_id[16:20]}-{doc_id[20:32]}"
    if standard == PDFX:
        claim = ('<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">'
                 f"<pdfxid:GTS_PDFXVersion>{PDFX}</pdfxid:GTS_PDFXVersion></rdf:Description>")
        trapped = "<pdf:Trapped>False</pdf:Trapped>"
    else:
        claim = ('<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
                 "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
                 "</rdf:Description>")
        trapped = ""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
{claim}
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e['title']}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e['author']}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e['subject']}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{xml_escape(lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{e['producer']}</pdf:Producer><pdf:Keywords>{e['keywords']}</pdf:Keywords>{trapped}
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{e['creator']}</xmp:CreatorTool>
<xmp:CreateDate>{iso}</xmp:CreateDate><xmp:ModifyDate>{iso}</xmp:ModifyDate>
<xmp:MetadataDate>{iso}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<xmpMM:DocumentID>uuid:{uid}</xmpMM:DocumentID><xmpMM:InstanceID>uuid:{uid}</xmpMM:InstanceID>
<xmpMM:VersionID>1</xmpMM:VersionID><xmpMM:RenditionClass>default</xmpMM:RenditionClass>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
