"""DOCX import test helpers: build, import, what a round trip keeps, generated sources."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from pipeline.build import resolve_layouts
from pipeline.importer.docx import import_docx
from pipeline.model import Document, Figure, Heading, Paragraphs, Quote, Turn
from pipeline.source import load_source
from pipeline.writers.docx import render_docx

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
LAYOUTS = {layout.name: layout for layout in resolve_layouts(("newsletter", "handout"))}


def build_docx(source: Path, out_dir: Path, draft: bool = False) -> dict[str, Path]:
    """layout name -> DOCX of ``source`` in that layout, written to ``out_dir``."""
    doc = load_source(source, draft=draft)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, layout in LAYOUTS.items():
        path = out_dir / f"{source.stem}-{name}.docx"
        path.write_bytes(render_docx(doc, layout))
        paths[name] = path
    return paths


def import_to(docx: Path, out: Path):
    """Import ``docx`` into the YAML ``out`` (written), returning the ImportResult."""
    out.parent.mkdir(parents=True, exist_ok=True)
    result = import_docx(docx, out, schema_ref="../schema.json")
    out.write_text(result.yaml_text, encoding="utf-8")
    return result


def _who(person) -> str | None:
    return (person.name or person.label) if person else None


TOP = ("title", "kicker", "lead", "publication", "issue", "date", "byline", "url", "event",
       "language")


def kept(doc: Document, layout: str, stored: bool = True) -> dict:
    """What a DOCX of ``layout`` carries of ``doc``, and so what an import must give back.

    With the source properties the writer stores (``stored``), everything but whether an
    alt text merely repeats the caption: every top-level field, the people exactly (keys,
    an interviewer's name and title, people never named in the text), every block with its
    ``by`` and its boundaries. Without them (a DOCX re-saved by a tool that drops custom
    properties) only what is printed: not ``url``, the newsletter's ``event`` (unless it is
    the document subject, i.e. there is no kicker) and the handout's ``issue``; not an
    interviewer's name and title, nor person keys; not where one of several adjacent ``p``
    blocks (or a turn and the ``p`` after it) ends, which prints the same; likewise a quote
    without ``by`` directly before another quote."""
    if stored:
        people = {k: (p.label, p.role, p.name, p.title) for k, p in doc.people.items()}
        return {"top": {k: getattr(doc, k) for k in TOP}, "people": people,
                "blocks": [_block(b) for b in doc.blocks]}
    blocks: list[list] = []
    for b in doc.blocks:
        if isinstance(b, Turn):
            blocks.append(["turn", b.kind, b.speaker.label, b.speaker.role, list(b.paragraphs)])
        elif isinstance(b, Paragraphs):
            if blocks and blocks[-1][0] in ("turn", "p"):
                blocks[-1][-1] += list(b.paragraphs)
            else:
                blocks.append(["p", list(b.paragraphs)])
        elif isinstance(b, Figure):
            blocks.append(["figure", b.caption, b.credit, b.alt_text])
        elif isinstance(b, Quote):
            if blocks and blocks[-1][0] == "quote" and blocks[-1][2] is None:
                blocks[-1][1] += list(b.paragraphs)
                blocks[-1][2] = _who(b.speaker)
            else:
                blocks.append(["quote", list(b.paragraphs), _who(b.speaker)])
        elif isinstance(b, Heading):
            blocks.append(["heading", b.text])
    top = {k: getattr(doc, k) for k in ("title", "kicker", "lead", "publication", "date",
                                         "byline", "language")}
    if layout == "newsletter":
        top["issue"] = doc.issue
        if not doc.kicker:
            top["event"] = doc.event
    else:
        top["event"] = doc.event
    speakers = {(b.speaker.label, b.speaker.role) for b in doc.blocks if isinstance(b, Turn)}
    interviewees = sorted((p.name or p.label, p.title or "") for p in doc.interviewees)
    return {"top": top, "blocks": blocks, "speakers": sorted(speakers),
            "interviewees": interviewees}


def _block(b) -> list:
    if isinstance(b, Turn):
        return [b.kind, b.speaker.key, list(b.paragraphs)]
    if isinstance(b, Paragraphs):
        return ["p", list(b.paragraphs)]
    if isinstance(b, Figure):
        return ["figure", b.caption, b.credit, b.alt_text]
    if isinstance(b, Quote):
        return ["quote", list(b.paragraphs), b.speaker.key if b.speaker else None]
    return ["heading", b.text]


# Bold, italic and both inside every bold paragraph style (Question, Lead, Pull Quote,
# Heading 1), where the DOCX uses the "… in Bold" character styles, and in answers; and what
# only the stored source properties carry: url, event and issue, a language with a region,
# an interviewer's name and title, one who never asks, adjacent p blocks, quotes in a row.
MARKED = """\
format: 1
title: Đánh dấu trong câu hỏi
kicker: Dòng trên tiêu đề
lead: Đoạn dẫn có **chữ đậm**, *chữ nghiêng* và ***cả hai***.
publication: Báo Nghệ An
issue: Số 7 – 06/05/2021
date: 2021-05-06
url: https://example.vn/bai-7
event: Hội nghị · lần thứ 7
language: vi-VN
people:
  pv: {label: P.V, name: Trần Thị Mai, title: Phóng viên, role: interviewer}
  bt: {label: Biên tập, role: interviewer}
  k: {label: Ông Lê Văn Hùng, name: Lê Văn Hùng, role: interviewee}
body:
  - q: Thưa ông, **nhiệm kỳ** qua có gì *mới* và ***đáng nhớ***?
    by: pv
  - a: Trả lời có **đậm**, *nghiêng* và ***cả hai***.
  - p: Đoạn tiếp theo.
  - p: |
      Một khối p nữa.

      Với hai đoạn.
  - q: "***Toàn bộ câu hỏi***"
    by: pv
  - a: Vâng.
  - quote: Câu **trích** *dẫn* ***nổi bật***
  - quote: Câu thứ hai
    by: k
  - quote: Câu không ai nói
  - heading: Mục **đậm** và *nghiêng*
  - q: "**Câu hỏi** cuối *nhé*?"
    by: pv
"""


# -- generated sources -------------------------------------------------------------------
WORDS = ("Đảng bộ", "nhiệm kỳ", "cán bộ", "đổi mới", "trách nhiệm", "nêu gương", "tỉnh",
         "Nghệ An", "2020 – 2025", "“tự diễn biến”", "<b>", "&amp;", "A & B", "x > y", "50%",
         "#1", "(khoá XI)", "số 01-NQ/ĐU", "ngày 17/8/2017", "Thứ nhất:", "dân chủ", "kỷ cương",
         "hiệu quả", "thực hiện", "'trích'", "phường Vinh", "ông", "bà", "anh", "chị", "ôi!")
NAMES = ("Nguyễn Nam Đình", "Trần Thị Mai", "Lê Văn Hùng", "Phạm Quốc Bảo", "Hoàng Minh Châu",
         "Võ Thị Sáu")
TITLES = ("Bí thư Đảng ủy Khối", "Giám đốc Sở Y tế", "Chủ tịch UBND tỉnh", "Trưởng phòng")
IMAGES = sorted((ROOT / "source" / "images").glob("*.jpg"))[:2]


def _q(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sentence(rnd: random.Random, markup: bool = True, end: str = ".") -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(2, 9))]
    if markup and rnd.random() < 0.4:
        i = rnd.randrange(len(words))
        j = rnd.randint(i + 1, min(len(words), i + 3))
        mark = rnd.choice(("**", "*", "***"))
        words[i:j] = [mark + " ".join(words[i:j]) + mark]
    return " ".join(words)[:1].upper() + " ".join(words)[1:] + end


def _text(rnd: random.Random, paras: int = 2, end: str = ".") -> str:
    return "\n\n".join(" ".join(_sentence(rnd, end=end) for _ in range(rnd.randint(1, 3)))
                       for _ in range(rnd.randint(1, paras)))


def random_source(rnd: random.Random, folder: Path) -> Path:
    """A valid source with every kind of block, markup, several speakers, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "images").mkdir(exist_ok=True)
    for image in IMAGES:
        shutil.copy(image, folder / "images" / image.name)
    names = rnd.sample(NAMES, 4)
    asks = [("pv", "P.V")] + ([("pv2", "Phóng viên " + names[3])] if rnd.random() < 0.3 else [])
    answers = []
    for i in range(rnd.randint(1, 2)):
        name = names[i] if rnd.random() < 0.8 else None
        label = (rnd.choice(("Đồng chí ", "Ông ", "")) + name) if name else f"Khách {i + 1}"
        answers.append((f"k{i}", label, name, rnd.choice(TITLES) if rnd.random() < 0.7 else None))
    lines = ["format: 1", f"title: {_q(_sentence(rnd, markup=False, end=''))}",
             f"publication: {_q(rnd.choice(('Báo Nghệ An', 'Tạp chí <Thử> & Co', 'Nhân Dân')))}",
             f"date: {rnd.randint(1990, 2030)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
             f"language: {rnd.choice(('vi', 'en'))}"]
    for key, chance in (("kicker", 0.5), ("byline", 0.5), ("issue", 0.5), ("event", 0.5),
                        ("url", 0.3)):
        if rnd.random() < chance:
            value = ("https://example.vn/a" if key == "url" else
                     _sentence(rnd, markup=False, end=""))
            lines.append(f"{key}: {_q(value)}")
    if rnd.random() < 0.5:
        lines.append(f"lead: {_q(_text(rnd))}")
    lines.append("people:")
    for key, label in asks:
        lines.append(f"  {key}: {{label: {_q(label)}, role: interviewer}}")
    for key, label, name, title in answers:
        extra = (f", name: {_q(name)}" if name else "") + (f", title: {_q(title)}" if title else "")
        lines.append(f"  {key}: {{label: {_q(label)}, role: interviewee{extra}}}")
    lines.append("body:")
    for _ in range(rnd.randint(1, 10)):
        kind = rnd.choice(("q", "a", "a", "p", "figure", "quote", "heading"))
        if kind in ("q", "a"):
            who = rnd.choice(asks if kind == "q" else answers)[0]
            group = asks if kind == "q" else answers
            by = f", by: {who}" if len(group) > 1 else ""
            lines.append(f"  - {{{kind}: {_q(_text(rnd, end='?' if kind == 'q' else '.'))}{by}}}")
        elif kind in ("p", "quote"):
            by = ""
            if kind == "quote" and rnd.random() < 0.5:
                by = f", by: {rnd.choice(answers)[0]}"
            lines.append(f"  - {{{kind}: {_q(_text(rnd))}{by}}}")
        elif kind == "heading":
            lines.append(f"  - {{heading: {_q(_sentence(rnd, end=''))}}}")
        else:
            extra = f", credit: {_q(rnd.choice(('T.D', 'Thành Duy', 'A & B')))}" \
                if rnd.random() < 0.5 else ""
            extra += f", alt: {_q(_sentence(rnd, markup=False))}" if rnd.random() < 0.3 else ""
            image = rnd.choice(IMAGES).name
            lines.append(f"  - {{figure: images/{image}, caption: {_q(_sentence(rnd))}{extra}}}")
    path = folder / "generated.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
