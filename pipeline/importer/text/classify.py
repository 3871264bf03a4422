"""Paragraphs into title, lead, people and body blocks: who speaks, and what is a question."""

from __future__ import annotations

from pipeline.importer.article import Article, Block, Para, Person, Piece
from pipeline.importer.text.figures import Hint, date_of, find_figures, find_tail, lone_caption
from pipeline.importer.text.guess import People, guess_interviewee, guess_publication, interviewer_label
from pipeline.importer.text.markers import PULL_QUOTE_RE, Marker, is_question, parse_marker, words

_TERMINAL = ".,;:?…"


def _heading_like(text: str) -> bool:
    n = len(words(text))
    if not 1 <= n <= 25 or len(text) > 160 or text[-1] in _TERMINAL:
        return False
    return text[-1] != "!" or (": " in text and n >= 5)


def _quote_like(text: str) -> bool:
    n = len(words(text))
    if text[0] in "“\"" and text.rstrip(".").endswith(("”", "\"")) and n <= 40 \
            and text.count("“") <= 1:
        return True
    return n <= 80 and bool(PULL_QUOTE_RE.search(text))


def _signature_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and text.upper() == text and len(words(text)) <= 6:
        return True
    return text.startswith("(") and len(words(text)) <= 25 and (text.endswith(")") or ")" not in text)


class _Builder:
    def __init__(self, paras: list[Para], start: int, hints: dict[int, Hint], tail_start: int,
                 thanks: int | None):
        self.paras, self.hints, self.thanks = paras, hints, thanks
        self.feats: list[Marker] = [parse_marker(p.text) for p in paras]
        main = [i for i in range(start, tail_start) if i not in hints]
        kinds = {k: [i for i in main if self.feats[i].kind == k] for k in ("pv", "label", "star", "dash")}
        q = [i for i in kinds["dash"] if is_question(self.feats[i].body)]
        trail = any(self.feats[i].trail_dash for i in kinds["pv"] + kinds["label"])
        self.star_q = bool(kinds["star"]) and bool(
            kinds["dash"] or kinds["label"] or any(is_question(self.feats[i].body) for i in kinds["star"]))
        self.shared = not self.star_q and bool(q) and len(q) < len(kinds["dash"]) and (
            not kinds["pv"] or trail)
        self.dash_turns = self.star_q or self.shared or trail
        self.has_q_markers = bool(kinds["pv"]) or self.star_q or self.shared
        self.awaiting = self.in_answer = self.prev_list = False
        self.interviewees = self._interviewees(main)

    def _interviewees(self, main: list[int]) -> list[Person]:
        """Who answers, known before the turns are read: the answer labels, or else the
        person the introduction names ("trao đổi với ông X")."""
        found = People()
        for i in main:
            if self.feats[i].kind == "label":
                found.find_or_add(self.feats[i].label, self.feats[i].names)
        if found.persons:
            return found.persons
        first_q = next((i for i in main if self.feats[i].kind in ("pv", "star")), len(self.paras))
        guessed = guess_interviewee([self.paras[i].text for i in main if i < first_q][:6])
        return [guessed] if guessed.label != "TODO" else []

    def caption_of(self, i: int, speaker: Person | None, asked: bool) -> Person | None:
        """The interviewee a lone photo caption at ``i`` names: a standalone sentence naming
        the one answering (or, before the first question, any interviewee) in the third
        person, as a caption does and the speaker himself would not."""
        if self.feats[i].kind is not None or not self.interviewees:
            return None
        if self.in_answer and not self.awaiting:
            persons = [speaker] if speaker else self.interviewees
        elif not asked and self.has_q_markers:
            persons = self.interviewees
        else:
            return None
        return lone_caption(self.paras[i].text, persons)

    def _next(self, i: int) -> int | None:
        for j in range(i + 1, len(self.paras)):
            if j not in self.hints or self.hints[j].role == "flag":
                return j if j not in self.hints else None
        return None

    def _answerish(self, j: int | None) -> bool:
        if j is None:
            return False
        f = self.feats[j]
        return f.kind == "label" or (f.kind == "dash" and self.dash_turns
                                     and not (self.shared and is_question(f.body)))

    def decide(self, i: int) -> tuple[str, str | None]:
        """(role, comment) of an unhinted paragraph."""
        f, text = self.feats[i], self.paras[i].text
        if f.kind == "pv" or i == self.thanks:
            return "q", None
        if f.kind == "label":
            return "a", None
        if f.kind == "star":
            if self.star_q and (is_question(f.body) or self._answerish(self._next(i))):
                return "q", None
            return "bullet", "an item marked '*' that no answer follows: kept as a paragraph"
        if f.kind == "dash":
            if self.awaiting and not (self.shared and is_question(f.body)):
                return "a", None
            if not self.dash_turns:
                return "list", None
            if self.shared and is_question(f.body):
                return "q", None
            prev = self.paras[i - 1].text if i else ""
            if not self.awaiting and self.in_answer and (self.prev_list or prev.endswith(":")):
                return "list", None
            return "a", None
        if text.startswith((">>", "»")):
            return "flag", "looks like a link to another article; delete it if so"
        if _signature_like(text):
            return "flag", "looks like a signature (of a reader's letter or a boxed item)"
        if is_question(text) and len(words(text)) <= 80 and (
                self._answerish(self._next(i)) or not self.has_q_markers):
            return "q", "question without a marker (it ends with '?'): check"
        if _quote_like(text):
            return "quote", None
        if _heading_like(text) and self._next(i) is not None:
            return "heading", None
        return ("a", None) if self.awaiting else ("p", None)


def build(paras: list[Para]) -> Article:
    art = Article()
    start = 0
    if paras and parse_marker(paras[0].text).kind is None:
        art.title = paras[0].text
        art.keep(art.title)
        start = 1
    if start < len(paras) and (date := date_of(paras[start].text)):
        art.date = date
        art.consume("dateline", paras[start].text)
        start += 1
    figures = find_figures(paras, start, art.title)
    tail_start, tail, thanks = find_tail(paras, start, figures)
    hints = {**tail, **figures}
    b = _Builder(paras, start, hints, tail_start, thanks)
    people = People()
    interviewer: str | None = None
    pending: list[str] = []
    cur: Block | None = None
    speaker: str | None = None
    n_fig = 0
    unlabeled: list[Block] = []
    early: list[tuple[Block, Piece]] = []  # lone captions met in the lead: first in the body

    def add(block: Block) -> Block:
        art.blocks.extend(fig for fig, _ in early)
        early.clear()
        block.comments[:0] = pending
        pending.clear()
        art.blocks.append(block)
        return block

    for i in range(start, len(paras)):
        para, f = paras[i], b.feats[i]
        if hint := hints.get(i):
            for kind, text in hint.pieces:
                art.keep(text) if kind == "text" else art.consume(kind, text)
            if hint.role == "figure":
                n_fig += 1
                path = f"images/photo-{n_fig}.jpg"
                add(Block("figure", line=para.line, caption=hint.caption, credit=hint.credit,
                          path=path, comments=[*hint.comments, f"TODO: supply this photo ({path})"]))
                cur = None
            elif hint.role == "flag":
                art.keep(para.text)
                add(Block("p", para.text, para.line, comments=list(hint.comments)))
                cur = None
            elif hint.role == "meta":
                for key, value in hint.meta.items():
                    if getattr(art, key) is None:
                        setattr(art, key, value)
            else:
                pending.extend(hint.comments)
            continue
        asked = any(x.kind == "q" for x in art.blocks)
        who = people.get(speaker) if speaker and b.in_answer else None
        if named := b.caption_of(i, who, asked):
            n_fig += 1
            path = f"images/photo-{n_fig}.jpg"
            lead = not art.blocks and not pending
            where = ("inside the answer (the speaker would say 'tôi')" if b.in_answer
                     else "before the first question")
            note = (f"caption guessed: a lone line naming {named.label} in the third person"
                    f" {where}; if it is text, turn it back into a 'p' block")
            fig = Block("figure", line=para.line, caption=para.text, path=path,
                        comments=[note, f"TODO: supply this photo ({path})"])
            piece = art.keep(para.text)
            if lead:
                early.append((fig, piece))
            else:
                add(fig)
            cur = None
            continue
        role, comment = b.decide(i)
        b.prev_list = role == "list"
        if role == "p" and not art.blocks and not pending:
            art.lead.append(para.text)
            art.keep(para.text)
            for fig, piece in early:
                if not piece.moved:  # printed after the lead, the contract's only place for it
                    piece.moved = True
                    fig.comments.insert(1, "it stood above the lead: moved below it, the first"
                                        " place the format has for a photo")
            continue
        if role in ("q", "a", "bullet"):
            art.consume({"q": "question marker", "bullet": "bullet"}.get(role, "answer label" if
                        f.kind == "label" else "answer marker"), f.consumed)
            art.keep(f.body)
        else:
            art.keep(para.text)
        text = f.body if role in ("q", "a", "bullet") else para.text
        comments = [comment] if comment else []
        if role == "q":
            if f.kind == "pv" and interviewer is None:
                interviewer = f.who
            cur = add(Block("q", text, para.line, comments=comments))
            b.awaiting, b.in_answer = True, False
        elif role == "a":
            if f.kind == "label":
                speaker = people.find_or_add(f.label, f.names)
            cur = add(Block("a", text, para.line, by=speaker, comments=comments))
            if f.kind != "label":
                unlabeled.append(cur)
            b.awaiting, b.in_answer = False, True
        elif role in ("p", "list") and cur is not None and cur.kind in ("a", "p") and not comments:
            cur.text += "\n\n" + text
        elif role in ("p", "list", "bullet", "flag"):
            if role == "p" and not any(x.kind in ("q", "a") for x in art.blocks):
                comments.append("before the first question: move it into 'lead' if it belongs there")
            cur = add(Block("p", text, para.line, comments=comments))
            if role == "flag":
                cur = None
        else:  # heading, quote
            add(Block(role, text, para.line, comments=comments))
            cur = None
            b.in_answer = b.in_answer and role == "quote"
    art.blocks[:0] = [fig for fig, _ in early]
    art.notes.extend(pending)
    _finish_people(art, people, interviewer, b.has_q_markers, unlabeled)
    return art


def _finish_people(art: Article, people: People, who: str | None, marked: bool,
                   unlabeled: list[Block]) -> None:
    pv = Person("pv", interviewer_label(who), "interviewer")
    if who is None and marked:
        pv.comment = "the questions carried no label: P.V is printed before each"
    persons = people.persons or [guess_interviewee(art.lead + [b.text for b in art.blocks[:3]])]
    art.people = [pv, *persons]
    for block in art.blocks:
        if block.kind == "a":
            block.by = (block.by or persons[0].key) if len(persons) > 1 else None
    if len(persons) > 1:
        for block in unlabeled:
            block.comments.append(f"no label on this answer: speaker guessed ({block.by})")
    if art.publication is None:
        texts = art.lead + [b.text for b in art.blocks if b.kind in ("p", "a", "figure")]
        texts += [b.caption for b in art.blocks if b.kind == "figure"]
        if found := guess_publication(art.lead, texts):
            art.publication, art.publication_note = found
