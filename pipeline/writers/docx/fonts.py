"""Embedded fonts: the bundled TTFs obfuscated per ECMA-376 (odttf) and fontTable.xml."""

from __future__ import annotations

import hashlib

from pipeline.fonts import FAMILIES, STYLES, font_file
from pipeline.writers.docx.xml import DECL, W_NS, esc

FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
EMBED = {"Regular": "embedRegular", "Bold": "embedBold", "Italic": "embedItalic",
         "BoldItalic": "embedBoldItalic"}
CLASS = {"Noto Serif": "roman", "Noto Sans": "swiss"}


def font_key(family: str, face: str) -> str:
    """A fixed GUID per face, so that builds are reproducible: "{8-4-4-4-12}" upper hex."""
    h = hashlib.md5(f"interview-pipeline {family} {face}".encode()).hexdigest().upper()
    return f"{{{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}}}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the GUID's 16 bytes read from its end (§17.8.1);
    applying it twice gives the font back."""
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ guid[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def embedded_fonts(families) -> tuple[str, str, dict[str, bytes]]:
    """(fontTable.xml, its .rels, {zip name: odttf bytes}) for every face of ``families``."""
    fonts, rels, files = [], [], {}
    n = 0
    for family in sorted(set(families) & set(FAMILIES)):
        embeds = []
        for face in STYLES:
            n += 1
            key = font_key(family, face)
            target = f"fonts/font{n}.odttf"
            files[f"word/{target}"] = obfuscate(font_file(family, face).read_bytes(), key)
            rels.append(f'<Relationship Id="rId{n}" Type="{FONT_REL}" Target="{target}"/>')
            embeds.append(f'<w:{EMBED[face]} r:id="rId{n}" w:fontKey="{key}"/>')
        fonts.append(f'<w:font w:name="{esc(family)}"><w:charset w:val="00"/>'
                     f'<w:family w:val="{CLASS.get(family, "auto")}"/>'
                     f'<w:pitch w:val="variable"/>{"".join(embeds)}</w:font>')
    table = f"{DECL}<w:fonts {W_NS}>{''.join(fonts)}</w:fonts>"
    rels_xml = (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                f'relationships">{"".join(rels)}</Relationships>')
    return table, rels_xml, files
