"""Checks on every text value of a source: characters no font has, and textlimits' bounds."""

from __future__ import annotations

import bisect
import re

from pipeline import fonts, textlimits

MAX_CHAR_ERRORS = 100  # characters no font has: listed one by one up to here, then counted


class TextChecks:
    """Part of the source validator (pipeline/source.py): needs its ``loc``, ``error`` and
    ``at_value``."""

    def start_text_checks(self) -> None:
        self.text_chars = 0  # characters of text seen so far (textlimits.MAX_TEXT_CHARS)
        self.missing_chars = 0  # characters no bundled font has, listed or not
        self.first_unlisted: tuple[int, int] = (1, 1)
        self._line_starts: list[int] | None = None

    def check_characters(self, value, path: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                self.check_characters(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.check_characters(item, path + (i,))
        elif isinstance(value, str):
            self.check_text(value, path)
            after = None  # where the previous missing character of this value was found
            for _, char in fonts.missing_chars(value):
                self.missing_chars += 1
                if self.missing_chars > MAX_CHAR_ERRORS + 1:
                    continue  # counted, not located: a file of them must not take minutes
                pos, after = self.char_pos(path, char, after)
                if self.missing_chars <= MAX_CHAR_ERRORS:
                    self.error(pos, f"character '{char}' (U+{ord(char):04X}) is not in font "
                               "Noto Serif or Noto Sans (the bundled fonts); replace or remove it")
                else:
                    self.first_unlisted = pos

    def check_text(self, value: str, path: tuple) -> None:
        """Bounds that keep every accepted source printable (see docs/limits.md)."""
        before, self.text_chars = self.text_chars, self.text_chars + len(value)
        if before <= textlimits.MAX_TEXT_CHARS < self.text_chars:
            self.at_value(path, f"the source's text passes {textlimits.MAX_TEXT_CHARS:,} "
                          "characters here, more than one interview holds; split it into "
                          "several sources")
        if len(value) > textlimits.MAX_VALUE_CHARS:
            self.at_value(path, f"this text is {len(value):,} characters long, more than the "
                          f"{textlimits.MAX_VALUE_CHARS:,} one block may hold; split it into "
                          "several blocks (`- p: …`)")
        if path in ((key,) for key in textlimits.HEADLINES) and (
                len(value) > textlimits.MAX_HEADLINE_CHARS):
            self.at_value(path, f"`{path[0]}` is {len(value):,} characters long; it is printed "
                          f"across page 1, so keep it under {textlimits.MAX_HEADLINE_CHARS} "
                          "characters and move the rest to `lead`")
        if textlimits.stacked_marks(value) is not None:
            self.at_value(path, f"a letter in this text carries more than "
                          f"{textlimits.MAX_MARKS} combining marks (accents) stacked on it; "
                          "remove the extra marks")

    def report_unlisted_chars(self) -> None:
        more = self.missing_chars - MAX_CHAR_ERRORS
        if more > 0:
            self.error(self.first_unlisted, f"{more} more character(s) from here on are not in "
                       "the bundled fonts either (only the first "
                       f"{MAX_CHAR_ERRORS} are listed); replace or remove them as well")

    def char_pos(self, path: tuple, char: str,
                 after: int | None = None) -> tuple[tuple[int, int], int | None]:
        """Line and column of ``char`` in the value at ``path`` (its first occurrence after
        index ``after`` of the file's text), and that index."""
        line, col = self.loc.value_pos(path)
        text, starts = self.loc.text, self.line_starts()
        start = starts[min(line, len(starts)) - 1] + col - 1 if after is None else after + 1
        index = text.find(char, start)
        if index < 0:
            return (line, col), after
        row = bisect.bisect_right(starts, index)
        return (row, index - starts[row - 1] + 1), index

    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.loc.text))]
        return self._line_starts
