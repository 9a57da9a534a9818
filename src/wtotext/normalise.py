"""Cleaning: text as given -> clean text of blocks, with a map back to the source.

:func:`normalise` runs named steps over the input lines:

1. ``split_lines`` — lines with their source offsets; CRLF, CR and form feeds are line
   and page ends; hyphens written as U+2010 or the non-breaking U+2011 become "-".
2. ``split_columns`` — a header line laid out in columns (``ORGANIZATION   WT/L/274``)
   becomes one cell per column.
3. ``drop_page_furniture`` — running heads (a line of the document's own symbols after
   the first page), page numbers (``- 2 -``, ``Page 2``, ``Page: 1/3``) become noise;
   invisible characters (soft hyphens, zero-width spaces, byte-order marks) do not hide
   them, and those before a line's first visible character go.
4. ``lift_footnotes`` — a rule of underscores followed by numbered notes at a page
   foot: the notes become :class:`RawFootnote`\\ s, their markers (``Members1``,
   ``Decision.3``) leave the running text.
5. ``join_blocks`` — lines hard-wrapped by a PDF extractor are joined into paragraphs,
   across page breaks too; a word hyphenated at a line end is rejoined unless the
   document writes the hyphenated compound elsewhere.
6. ``fold_whitespace`` — runs of spaces, tabs and no-break spaces become one space,
   the other invisible characters go (a soft hyphen at a line end joins the word); the
   clean text is written with its offset map, a few runs of verbatim characters
   per line (:class:`OffsetMap`).

Guarantees after it: the clean text is blocks separated by one blank line; no block
has a line break, leading or trailing space, or two spaces in a row; each clean
character maps to the source character it came from (:meth:`Normalised.span`);
normalising a clean text again changes nothing (idempotence).
"""

from __future__ import annotations

import itertools
import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

import attrs

from wtotext.lexicon import MONTHS, SYMBOL, SYMBOL_LINE, SYMBOL_LIST, alternation, lexicon
from wtotext.nodes import Span

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters, byte-order mark
# A run of white space and invisible characters: one space if it holds white space, else nothing.
_BLANK = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000" + _INVISIBLE
# The runs that need folding: all but a lone plain space, which stays as it is (a line has
# one between every two words, and looking at each would cost more than the folding).
# Written as one blank character, then more of them or a look back that it was no plain
# space, because a pattern that begins with a class of characters is searched for that
# class (fast), where "a run of two or more, or one that is not a space" is tried at
# every position.
_GAP = re.compile(f"[{_BLANK}](?:[{_BLANK}]+|(?<! ))")
_DROP = str.maketrans("", "", _INVISIBLE)
_HYPHENS = str.maketrans("\u2010\u2011", "--")
_RUNNING_HEAD = re.compile(
    rf"^\s*{SYMBOL_LIST}"
    r"(?:\s+(?:Page\s*:?\s*\d+(?:/\d+)?|-\s*\d+\s*-))?\s*$"
)
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*\d+\s*-|Page\s*:?\s*\d+(?:\s*/\s*\d+)?|\d+\s*/\s*\d+)\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*_{5,}\s*$")
_NOTE_START = re.compile(r"^\s{0,12}(\d{1,3})(?:\s+(\S.*))?$")
_MARKER = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+|\(\s*[a-z]{1,4}\s*\)|\(\s*\d{1,3}\s*\)|[a-z]\)|[-\u2022\u2013*])(?=\s)"
)
_COLUMN_GAP = re.compile(r"\S(\s{4,})\S")
_CELL_GAP = re.compile(r"\s{3,}")  # between the cells of a header line
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
_SYMBOL = re.compile(SYMBOL)
_TERMINAL = (".", ";", ":", ",", "!", "?")


@attrs.frozen
class RawFootnote:
    """A footnote lifted from a page foot: its number, text and where its marker was."""

    marker: str
    text: str
    span: Span  # of the note in the source
    marker_at: int | None  # clean-text offset where the marker stood, if it was found


# One physical line of the source: ``(text, start, page)``, its text (no line break),
# its first character's offset and its page.  A plain tuple: every source line makes
# one or two, and a tuple costs a tenth of a class instance to make.
Line = tuple[str, int, int]


# The source lines headed for one clean block.  A plain list: a document makes a few dozen.
_Piece = list[Line]


class OffsetMap:
    """Where each clean position came from in the source, kept as runs.

    A run is clean text copied verbatim: from clean offset ``clean[k]`` on, up to the
    next run, clean offset ``i`` came from source offset ``source[k] + i - clean[k]``.
    A document has a few runs per line where a map of single offsets would have one
    per character.  ``size`` counts the positions mapped: each clean character, then
    the position just past the last one (it goes on from the last run).
    """

    __slots__ = ("clean", "size", "source")

    def __init__(self, clean: list[int], source: list[int], size: int) -> None:
        self.clean = clean
        self.source = source
        self.size = size

    @classmethod
    def of_chunks(cls, chunks: Sequence[str], sources: list[int]) -> OffsetMap:
        """The map of the text ``"".join(chunks)``, chunk ``k`` copied from source offset ``sources[k]`` on."""
        if not chunks:
            return cls([0], [0], 1)
        clean = list(itertools.accumulate(map(len, chunks), initial=0))
        size = clean.pop() + 1
        return cls(clean, sources, size)

    def select(self, ranges: Iterable[tuple[int, int]]) -> OffsetMap:
        """The map of a text made of the clean ranges ``[start, end)`` of this one, in order."""
        clean: list[int] = []
        source: list[int] = []
        size = 0
        for start, end in ranges:
            if start >= end:
                continue
            first = bisect_right(self.clean, start) - 1  # the run that holds ``start``
            stop = bisect_left(self.clean, end)  # the first run past the range
            clean.append(size)
            source.append(self.source[first] + start - self.clean[first])
            clean += map(operator.add, self.clean[first + 1 : stop], itertools.repeat(size - start))
            source += self.source[first + 1 : stop]
            size += end - start
        return OffsetMap(clean, source, size)

    def __getitem__(self, at: int) -> int:
        """The source offset of clean position ``at`` (``0 <= at < size``)."""
        if not 0 <= at < self.size:
            raise IndexError(f"clean offset {at} is outside the map (size {self.size})")
        k = bisect_right(self.clean, at) - 1
        return self.source[k] + at - self.clean[k]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets of the first and past the last character of clean ``[start, end)`` (not empty)."""
        if not 0 <= start < end <= self.size:
            raise IndexError(f"clean range {start}-{end} is outside the map (size {self.size})")
        clean, source = self.clean, self.source
        first = bisect_right(clean, start) - 1
        last = bisect_right(clean, end - 1, first) - 1
        return source[first] + start - clean[first], source[last] + end - clean[last]


@attrs.frozen(eq=False)
class Normalised:
    """The clean text of a document and the way back to its source."""

    source: str
    text: str
    offsets: OffsetMap  # clean offset -> source offset, for 0 <= offset <= len(text)
    footnotes: tuple[RawFootnote, ...]
    removed: tuple[tuple[Span, str], ...]
    hard_wrapped: bool

    def source_offset(self, at: int) -> int:
        """The source offset of clean offset ``at``; ``len(text)`` maps just past the last character."""
        return self.offsets[at]

    def span(self, start: int, end: int) -> Span:
        """The source span under the clean range ``[start, end)``."""
        if end <= start:
            at = self.offsets[start] if start < self.offsets.size else len(self.source)
            return Span(at, at)
        return Span(*self.offsets.bounds(start, end))

    def blocks(self) -> list[tuple[int, int]]:
        """The ``(start, end)`` clean ranges of the blocks."""
        out = []
        pos = 0
        for part in self.text.split("\n\n"):
            if part:
                out.append((pos, pos + len(part)))
            pos += len(part) + 2
        return out


def fold(text: str) -> str:
    """Whitespace folded to single spaces, soft hyphens and zero-width characters dropped."""
    if text.isprintable():  # no white space but the plain space, no invisible character
        if "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text  # nothing to fold: the builder folds mostly clean text, which is so
    elif not text.isascii() and _has_invisible(text):
        text = text.translate(_DROP)
    return " ".join(text.split())


def normalise(source: str) -> Normalised:
    """Clean ``source`` into blocks; see the module docstring for the steps and guarantees."""
    lines = split_columns(split_lines(source))
    symbols = _own_symbols(lines)
    lines, removed = drop_page_furniture(lines, symbols)
    notes: list[RawFootnote] = []
    if "_____" in source:  # else no footnote rule, and no notes to lift
        lines, notes, note_removed = lift_footnotes(lines)
        removed += note_removed
    # page furniture means a PDF extract, however few its lines
    wrapped = any(why == "page number" for _, why in removed) or _is_hard_wrapped(lines)
    pieces = join_blocks(lines, wrapped)
    text, offsets = fold_whitespace(pieces, source, wrapped)
    footnotes = _place_markers(notes, text)
    removed += [
        (Span(offsets[n.marker_at], offsets[n.marker_at + len(n.marker) - 1] + 1), "footnote marker")
        for n in footnotes
        if n.marker_at is not None
    ]
    text, offsets, footnotes = _strip_markers(text, offsets, footnotes)
    return Normalised(source, text, offsets, tuple(footnotes), tuple(removed), wrapped)


def split_lines(source: str) -> list[Line]:
    """The source's lines with their offsets; a form feed starts a new page.

    The hyphen characters that print as "-" (U+2010, and the non-breaking U+2011 that
    word processors put in "Director-General") become "-": one character for one, so
    no offset moves.
    """
    if "\u2010" in source or "\u2011" in source:
        source = source.translate(_HYPHENS)
    if "\r" in source:
        parts = _LINE_BREAK.split(source)
        bodies, breaks = parts[0::2], [len(b) for b in parts[1::2]]
    else:
        bodies = source.split("\n")
        breaks = [1] * (len(bodies) - 1)
    if not bodies[-1]:  # the text after the last line break is a line only if there is some
        bodies.pop()
    out: list[Line] = []
    page = 0
    start = 0
    for body, width in zip(bodies, [*breaks, 0], strict=False):
        at = start
        start += len(body) + width
        if at == 0 and body.startswith("\ufeff"):  # a byte-order mark is no text
            body, at = body[1:], 1
        if "\f" in body:
            lead = len(body) - len(body.lstrip("\f"))
            page += lead  # each form feed at the line's start ends a page
            body, at = body[lead:].replace("\f", " "), at + lead  # one inside a line is a space
        out.append((body, at, page))
    return out


def _own_symbols(lines: Sequence[Line]) -> set[str]:
    """Symbols printed on a line of their own in the first thirty lines."""
    found: set[str] = set()
    for text, _, _ in lines[:30]:
        if "/" not in text:  # every symbol has a slash
            continue
        for cell in _CELL_GAP.split(text.strip()):
            if _RUNNING_HEAD.match(cell):
                found.update(_SYMBOL.findall(cell))
    return found


def drop_page_furniture(lines: list[Line], symbols: set[str]) -> tuple[list[Line], list[tuple[Span, str]]]:
    """Remove page numbers and running heads (invisible characters do not hide them); each removal starts a new page."""
    kept: list[Line] = []
    removed: list[tuple[Span, str]] = []
    page = 0
    seen_text = False
    printed: set[str] = set()  # symbols already printed once: a repeat is a running head
    for line in lines:
        written, start, line_page = line
        if line_page > page:
            page = line_page
        if not written:  # a blank line (a third of all) is neither furniture nor text
            kept.append(line if page == line_page else (written, start, page))
            continue
        text = written
        if not text.isascii() and _has_invisible(text):  # invisible characters do not hide furniture
            text = text.translate(_DROP)
        tail = text.rstrip()[-1:]  # a page number ends in a digit or a dash
        is_number = (tail == "-" or tail.isdecimal()) and _PAGE_NUMBER.match(text) is not None
        symbol_line = "/" in text and _RUNNING_HEAD.match(text) is not None  # every symbol has a slash
        if symbol_line:
            cited = set(_SYMBOL.findall(text))
            is_head = seen_text and bool(cited) and cited <= symbols and cited <= printed
            printed |= cited
        else:
            is_head = False
        if is_number or is_head:
            removed.append((Span(start, start + len(text)), "page number" if is_number else "running head"))
            if seen_text:
                page += 1
            continue
        if not seen_text and not symbol_line and text.strip():
            seen_text = True
        if text is not written and text.strip():
            text, start = _without_leading_invisibles(written, start)
        kept.append(line if text is written and page == line_page else (text, start, page))
    return kept, removed


def _without_leading_invisibles(text: str, start: int) -> tuple[str, int]:
    """``text`` without the invisible characters before its first visible one, and its new start.

    Only those go here: dropping one further on would shift the offsets of everything
    after it, so :func:`fold_whitespace` leaves the others out as it copies the line.
    """
    lead = _LEADING_INVISIBLE.match(text)
    blank = lead.group() if lead else ""
    kept = blank.translate(_DROP)
    return kept + text[len(blank) :], start + len(blank) - len(kept)


_LEADING_INVISIBLE = re.compile(rf"[\s{_INVISIBLE}]*")


def _text(line: Line) -> str:
    """A line's text."""
    return line[0]


def _page(line: Line) -> int:
    """A line's page."""
    return line[2]


def _has_invisible(text: str) -> bool:
    """Does ``text`` hold a soft hyphen, a zero-width character or a byte-order mark?"""
    return any(c in text for c in _INVISIBLE)


def lift_footnotes(lines: list[Line]) -> tuple[list[Line], list[RawFootnote], list[tuple[Span, str]]]:
    """Take numbered notes under a rule of underscores out of the running text."""
    kept: list[Line] = []
    notes: list[RawFootnote] = []
    removed: list[tuple[Span, str]] = []
    rules = [i for i, (text, _, _) in enumerate(lines) if "_____" in text and _RULE.match(text)]
    done = 0  # the lines before it are kept or lifted
    for i in rules:
        if i < done:  # among notes already lifted
            continue
        rule, start, page = lines[i]
        j = i + 1
        while j < len(lines) and not _text(lines[j]).strip() and _page(lines[j]) == page:
            j += 1
        if j < len(lines) and _page(lines[j]) == page and _NOTE_START.match(_text(lines[j])):
            end, found = _read_notes(lines, j, page)
            if found:
                kept += lines[done:i]
                removed.append((Span(start, start + len(rule)), "footnote rule"))
                removed.extend(_note_numbers(found, lines[j:end]))
                notes.extend(found)
                done = end
    kept += lines[done:]
    return kept, notes, removed


def _note_numbers(notes: list[RawFootnote], lines: list[Line]) -> list[tuple[Span, str]]:
    """Where each lifted note's number stood at the page foot (kept as removed material)."""
    out = []
    for note in notes:
        for text, start, _ in lines:
            stripped = text.strip()
            if start <= note.span.start <= start + len(text) or (
                stripped == note.marker and start < note.span.start and note.span.start - start - len(text) < 40
            ):
                at = start + text.find(note.marker)
                if at < note.span.start:
                    out.append((Span(at, at + len(note.marker)), "footnote number"))
                    break
    return out


def _read_notes(lines: list[Line], i: int, page: int) -> tuple[int, list[RawFootnote]]:
    """Read numbered notes from line ``i`` to the page's end."""
    found: list[tuple[str, list[Line]]] = []
    while i < len(lines) and _page(lines[i]) == page:
        line = lines[i]
        line_text = _text(line)
        match = _NOTE_START.match(line_text)
        indent = len(line_text) - len(line_text.lstrip())
        if match and (not found or indent <= 12) and (match.group(2) or i + 1 < len(lines)):
            found.append((match.group(1), [line]))
        elif line_text.strip() and found:
            found[-1][1].append(line)
        elif line_text.strip():
            break
        i += 1
    notes = []
    for marker, note_lines in found:
        first, first_start, _ = note_lines[0]
        body = first.strip()[len(marker) :]
        texts = [body] + [_text(x) for x in note_lines[1:]]
        text = fold(_dehyphenate_simple(" \n".join(texts)))
        last, last_start, _ = note_lines[-1]
        lead = len(first) - len(first.lstrip()) + len(marker)
        lead += len(first[lead:]) - len(first[lead:].lstrip())
        if not body.strip() and len(note_lines) > 1:  # the number on a line of its own
            second, second_start, _ = note_lines[1]
            start = second_start + len(second) - len(second.lstrip())
        else:
            start = first_start + lead
        notes.append(RawFootnote(marker, text, Span(start, last_start + len(last.rstrip())), None))
    return i, notes


def _dehyphenate_simple(text: str) -> str:
    return re.sub(r"(?<=[a-z])- \n\s*(?=[a-z])", "", text)


def split_columns(lines: list[Line]) -> list[Line]:
    """Split a line laid out in columns (4+ spaces apart) into one line per cell."""
    out: list[Line] = []
    for line in lines:
        text, start, page = line
        if "    " not in text and text.isprintable():
            out.append(line)  # most lines: no four spaces in a row, no other white space
            continue
        if not _may_have_gap(text) or _MARKER.match(text) or not _COLUMN_GAP.search(text):
            out.append(line)
            continue
        for cell in re.finditer(r"\S+(?: {1,3}\S+)*", text):
            out.append((cell.group(0), start + cell.start(), page))
            out.append(("", start + cell.end(), page))
    return out


def _may_have_gap(text: str) -> bool:
    """False when ``text`` cannot hold four white-space characters in a row between two
    others: its only white space is the plain space (every other one is unprintable)
    and it has no four in a row after its indent."""
    if not text.isprintable():
        return True
    return "    " in text and "    " in text.strip()


def _is_hard_wrapped(lines: Sequence[Line]) -> bool:
    """True when lines were broken at a fixed width (a PDF extract), not at paragraph ends."""
    widths = [len(text.rstrip()) for text, _, _ in lines]
    if max(widths, default=0) > 160:  # a long line: not wrapped
        return False
    return len([w for w in widths if 60 <= w <= 130]) >= 5


# A date cut by a line end: "... by 31 December" / "2025." (the year would read as a
# paragraph's number), or "... by 31" / "December 2027 on ...".
_MONTH_NAMES = frozenset(MONTHS)
_DAY_PREPOSITIONS = frozenset(("by", "on", "of", "before", "until", "than", "from"))
_YEAR_START = re.compile(r"(?:19|20)\d\d\b")
_MONTH_START = re.compile(r"(?:" + "|".join(MONTHS) + r")\b")
# A line that opens on a number and a word in lower case goes on with the line before.
_NUMBER_GOES_ON = re.compile(r"\d+[,;]?\s+[a-z]")
# Words a line cannot end a sentence with: a line that ends with one goes on.
_OPEN_ENDS = frozenset(
    ("of", "on", "and", "or", "the", "to", "for", "in", "with", "by", "a", "an", "at", "from", "as", "that", "which",
     "its", "their", "our")
)  # fmt: skip


def _cut_short(line: str, following: str) -> bool:
    """Does ``line`` stop in mid-sentence, ``following`` going on with it? (Also in the
    middle of a word broken at its hyphen: "the Director-" / "General shall ...".)"""
    last = line.rstrip().rsplit(" ", 1)[-1]
    first = following.lstrip()[:1]
    if len(last) > 1 and last[-1] == "-" and last[-2].isalpha() and first.isalpha():
        return True
    if line.rstrip().endswith(_TERMINAL):
        return False
    # a number and a word in lower case go on with a sentence ("by 30 June" / "2027 and
    # shall ..."); a paragraph's number is followed by a full stop or a capital
    return first.islower() or last.lower() in _OPEN_ENDS or _NUMBER_GOES_ON.match(following.lstrip()) is not None


def _goes_on_over_page(prev: str, following: str, full: bool) -> bool:
    """After a page break, does ``following`` go on with the paragraph ``prev`` left open?

    A line that ends in punctuation (a footnote marker may follow it) ends its
    paragraph, as far as a dump can tell.  A line that stops short of the wrap width
    goes on when the next one starts in lower case, or when it is running text (not a
    heading) and the next line does not open a block of its own: an opener, the
    enacting formula, a line of symbols or capitals.
    """
    if _ENDS_SENTENCE.search(prev):
        return False
    if full or following.lstrip()[:1].islower():
        return True
    return not _is_heading(prev) and not _opens_block(following)


def _wrapped_number(prev: str, text: str, width: int) -> bool:
    """Is a line's list marker only a wrapped sentence's next word ("... in Article" / "10.2 of the ...")?

    It is when the line before runs most of the wrap width without ending its sentence
    and the words after the number go on in lower case; a paragraph of its own starts
    after a full stop, a colon or a heading, and with a capital.
    """
    prev = prev.rstrip()
    rest = text.split(maxsplit=2)[1:2]
    return len(prev) > 0.6 * width and not _ENDS_SENTENCE.search(prev) and bool(rest) and rest[0][:1].islower()


def _is_heading(text: str) -> bool:
    """A title or heading: every word longer than three letters is capitalised."""
    return all(word[0].isupper() for word in _WORD.findall(text) if len(word) > 3)


def _opens_block(text: str) -> bool:
    """Does a line begin a block of its own: an opener or operative marker, the enacting
    formula (``The General Council,``), a line of symbols, a heading in capitals?"""
    text = text.strip()
    if _OPENS.match(text) or _SYMBOL_LINE.match(text):
        return True
    if text.endswith(",") and text.startswith("The ") and len(text.split()) <= 8:
        return True
    return text.isupper()


# Punctuation at a line end, perhaps followed by a closing quote or bracket and a
# footnote marker (``... of this Decision.3``).
_PUNCTUATION = re.escape("".join(_TERMINAL))
_ENDS_SENTENCE = re.compile(rf"[{_PUNCTUATION}][\"'\u2019\u201d)\]]*\d{{0,3}}$")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_SYMBOL_LINE = re.compile(SYMBOL_LINE)
_OPENS = re.compile(alternation((*lexicon().openers, *lexicon().operative_markers)) + r"\b")


def _first_word(text: str) -> str:
    words = text.split(maxsplit=1)
    return words[0] if words else ""


def _next_word_overflows(line: str, following: str, width: int) -> bool:
    """Would the first word of ``following`` have run past the wrap ``width`` at the end of ``line``?"""
    return len(line) + 1 + len(_first_word(following)) > width - 3


_NARROWEST_WRAP = 40


def _text_width(lines: Sequence[Line]) -> int:
    """The width the text was wrapped at: the widest line that another line follows,
    leaving out right-aligned header cells."""
    ends = [len(text.rstrip()) for text, _, _ in lines]  # 0 for a blank line
    widths = [
        end
        for (text, _, _), end, following in zip(lines, ends, ends[1:], strict=False)
        if end and following and len(text) - len(text.lstrip()) <= 30
    ]
    widest = max(widths, default=0)
    # no text is wrapped narrower than this: where only a header's short lines follow one
    # another ("WT/L/1301" / "3 June 2026"), the paragraphs' own lines say how wide it is
    return widest if widest >= _NARROWEST_WRAP else max(ends, default=0)


def _date_cut(line: str, following: str) -> bool:
    """Does a date run from the end of ``line`` into ``following``? (The last two words
    only: this is asked of every line.)"""
    words = line.rsplit(None, 2)[-2:]
    if not words:
        return False
    if words[-1] in _MONTH_NAMES:  # "... by 31 December" / "2025."
        return _YEAR_START.match(following) is not None
    day = words[-1]  # "... by 31" / "December 2027"
    return (
        len(words) == 2
        and day.isdigit()
        and len(day) <= 2
        and words[0].lower().lstrip("([") in _DAY_PREPOSITIONS
        and _MONTH_START.match(following) is not None
    )


def join_blocks(lines: list[Line], wrapped: bool) -> list[_Piece]:
    """Group lines into blocks: blank lines and list markers end them; wraps join them."""
    width = _text_width(lines) if wrapped else 0  # only the joins of a wrapped text read it
    pieces: list[_Piece] = []
    current: _Piece | None = None
    prev = ""  # the text of the last line of ``current``
    last_page = 0
    gap = False
    for line in lines:
        text, _, page = line
        if not text or text.isspace():
            gap = True
            continue
        new_page = page != last_page
        last_page = page
        after_gap, gap = gap, False
        if current is not None and not after_gap and _date_cut(prev, text):
            current.append(line)  # "... by 31 December" / "2025.", "... by 31" / "December 2027": the date goes on
            prev = text
            continue
        if (
            current is not None
            and (not after_gap or (wrapped and new_page))  # else no rule below joins
            and len(prev) - len(prev.lstrip()) <= 30
            and (not _MARKER.match(text) or (wrapped and not after_gap and _wrapped_number(prev, text, width)))
        ):
            prev_text = prev.rstrip()
            if not wrapped:
                if len(prev_text.strip()) >= 50 and _cut_short(prev_text, text):
                    current.append(line)  # a long line cut short of its sentence's end
                    prev = text
                    continue
            else:
                # the line before ran most of the width, or the next word did not fit on it
                # (worked out only when needed: most wrapped lines run most of the width)
                long = len(prev_text) > 0.6 * width
                if not after_gap:
                    joins = long or _next_word_overflows(prev_text, text, width)
                else:  # over a page break, the only gap a wrapped paragraph crosses
                    full = _next_word_overflows(prev_text, text, width)
                    joins = (full or long) and _goes_on_over_page(prev_text, text, full)
                if joins:
                    current.append(line)
                    prev = text
                    continue
        current = [line]
        pieces.append(current)
        prev = text
    return pieces


def fold_whitespace(pieces: Iterable[_Piece], source: str, wrapped: bool) -> tuple[str, OffsetMap]:
    """Write the clean text and its offset map, one block at a time.

    The text is written as chunks, each copied from one place in the source: the
    verbatim runs of a line, a space that folds a run of white space or joins two lines,
    a line break between blocks.  Invisible characters are left out as the lines are
    copied; a line that ends in a soft hyphen joins the next without a space.
    """
    compounds = _Compounds(source if wrapped else "")
    chunks: list[str] = []
    sources: list[int] = []  # the source offset of each chunk's first character
    for piece in pieces:
        first = len(chunks)  # where the block's chunks begin
        soft_end = False
        for text, base, _ in piece:
            printable = text.isprintable()
            if printable and text[:1] != " " and text[-1:] != " ":
                lead, end = 0, len(text)  # most lines: nothing to strip
            else:
                lead = len(text) - len(text.lstrip())
                end = len(text.rstrip())
                if not printable:  # invisible characters at the line end are not text either
                    end = len(text[:end].rstrip(_BLANK))
            if lead >= end:
                continue
            if len(chunks) == first:  # the block's first line
                if chunks:  # the blank line between blocks maps to the previous block's last character
                    last = sources[-1] + len(chunks[-1]) - 1
                    chunks += ("\n", "\n")
                    sources += (last, last)
                    first += 2
            elif soft_end:  # after a soft hyphen, the word goes on
                pass
            elif chunks[-1].endswith("-"):
                _join_hyphenated(chunks, sources, first, text, lead, base, compounds)
            else:  # a wrapped line joins its block with one space
                chunks.append(" ")
                sources.append(base + lead)
            pos = lead
            # a gap of white space and invisible characters folds to one space, or to nothing;
            # a printable line has only plain spaces, and nothing to fold without two in a row
            if not printable or text.find("  ", lead, end) != -1:
                for gap in _GAP.finditer(text, lead, end):
                    start, stop = gap.span()
                    # the gap's space maps to its first character that is not invisible (a printable
                    # line has none); a gap of nothing but invisible characters folds to nothing
                    space = start if printable else stop - len(gap.group().lstrip(_INVISIBLE))
                    chunks.append(text[pos:start])
                    sources.append(base + pos)
                    if space < stop:
                        chunks.append(" ")
                        sources.append(base + space)
                    pos = stop
            chunks.append(text[pos:end])
            sources.append(base + pos)
            soft_end = not printable and "\u00ad" in text[end:]
    return "".join(chunks), OffsetMap.of_chunks(chunks, sources)


def _join_hyphenated(
    chunks: list[str], sources: list[int], first: int, text: str, lead: int, base: int, compounds: _Compounds
) -> None:
    """Join a wrapped line to a block (its chunks from ``first`` on) that ends in a hyphen:
    a word broken at the line end is joined again, a compound the document writes elsewhere
    keeps its hyphen, and so does one whose next part is capitalised ("Director-" /
    "General", "Sub-" / "Committee"); else one space, as for any wrap."""
    last = chunks[-1]
    if len(last) > 1 and last[-2].isalpha() and text[lead].islower():
        head = "".join(chunks[first:]).rsplit(" ", 1)[-1]
        tail = text[lead:].split(" ", 1)[0].rstrip(".,;:)")
        if head + tail not in compounds:
            chunks[-1] = last[:-1]
        return
    if len(last) > 1 and last[-2].isalpha() and text[lead].isupper():
        return
    chunks.append(" ")
    sources.append(base + lead)


class _Compounds:
    """The hyphenated compounds of a source (:func:`_hyphenated_words`), found when first needed."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if word not in self.source:  # every compound is a piece of the source
            return False
        if self.found is None:
            self.found = _hyphenated_words(self.source)
        return word in self.found


def _hyphenated_words(source: str) -> set[str]:
    """Hyphenated compounds that the document writes inside a line (``least-developed``)."""
    return set(re.findall(r"\b[A-Za-z]+-[a-z][A-Za-z-]*", source))


def _place_markers(notes: list[RawFootnote], text: str) -> list[RawFootnote]:
    """Find each note's marker in the clean text (digits glued to a word), in order."""
    placed: list[RawFootnote] = []
    pos = 0
    for note in notes:
        # the marker glued to a letter or bracket, or to a letter's punctuation; written
        # marker first (the look-behinds take it in) so that the search looks for it
        marker = note.marker
        pattern = re.compile(
            rf"{marker}(?:(?<=[A-Za-z\)\]]{marker})(?=[\s,.;:)]|$)|(?<=[A-Za-z][.;:,\"\u201d]{marker})(?=\s|$))"
        )
        match = pattern.search(text, pos)
        if match is None:
            match = pattern.search(text)
        if match is None:
            placed.append(note)
            continue
        start = match.start()
        placed.append(attrs.evolve(note, marker_at=start))
        pos = start + len(note.marker)
    return placed


def _strip_markers(text: str, offsets: OffsetMap, notes: list[RawFootnote]) -> tuple[str, OffsetMap, list[RawFootnote]]:
    """Remove found markers from the clean text, keeping positions consistent."""
    cuts = sorted((n.marker_at, len(n.marker)) for n in notes if n.marker_at is not None)
    if not cuts:
        return text, offsets, notes
    kept: list[tuple[int, int]] = []  # the clean ranges that stay
    pos = 0
    for at, length in cuts:
        kept.append((pos, at))
        pos = at + length
    kept.append((pos, offsets.size))  # with the position past the last character
    out = [text[start:end] for start, end in kept]
    moved = []
    for note in notes:
        if note.marker_at is None:
            moved.append(note)
            continue
        before = sum(length for at, length in cuts if at < note.marker_at)
        moved.append(attrs.evolve(note, marker_at=note.marker_at - before))
    return "".join(out), offsets.select(kept), moved
