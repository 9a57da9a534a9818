"""Building the tree: the document parse of a normalised text -> :class:`~wtotext.nodes.Decision`.

The document grammar has told which block is what; this module reads the metadata
out of the front matter (issuer, adoption date, symbols, title), turns recitals and
paragraphs into nodes with their spans in the source, nests sub-items under their
parents, attaches footnotes, gathers references, keeps everything else as
:class:`~wtotext.nodes.Noise`, and hands each operative paragraph to
:mod:`wtotext.mandates`.
"""

from __future__ import annotations

import contextlib
import operator
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

import attrs
import lark

from wtotext import dates
from wtotext.bodies import Registry
from wtotext.lexicon import SYMBOL, SYMBOL_LINE, Lexicon, formula_verb_forms
from wtotext.mandates import Context, Frame, paragraph_mandates
from wtotext.nodes import (
    Decision,
    Diagnostic,
    Footnote,
    Noise,
    OperativeParagraph,
    Recital,
    Reference,
    Span,
)
from wtotext.normalise import Normalised, RawFootnote, fold

_SYMBOL = re.compile(SYMBOL)
# "Ministerial Declaration on ...", "MINISTERIAL DECISION OF 19 DECEMBER 2015": the Conference's own
_MINISTERIAL_TITLE = re.compile(r"ministerial\s+(?:decision|declaration)\b", re.IGNORECASE)
# "We, the Ministers, have met in Geneva ...": the Conference speaks, with no formula
_MINISTERS_SPEAK = re.compile(r"We,\s+(?:the\s+)?Ministers\b", re.IGNORECASE)
_SYMBOL_LINE = re.compile(SYMBOL_LINE)
_ADOPTION = re.compile(
    # every match begins with "a" or "d": one test rules out most positions of a line,
    # where the alternatives below would each be tried
    r"(?=[ad])"
    r"(?:\b(?:decision|declaration|adopted|decided|agreed)\b(?:.*?)\b(?:of|on)\s+"
    r"(?=\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s+\d{4})"
    r"|\badopted\b(?:.*?)\bin\s+(?=(?:19|20)\d\d\b)"
    # "Done at Geneva, this 5th day of March 2026"
    r"|\bdone\b(?:.*?)\bthis\s+(?=\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\s+[A-Za-z]+,?\s+\d{4}))",
    re.IGNORECASE,
)
# An adoption line after the operative part ("Adopted by the General Council on 22 July
# 2025."): the date of a decision whose front matter gives none.
_CLOSING_ADOPTION = re.compile(r"^\(?(?:adopted|done)\b", re.IGNORECASE)
_ADOPTED_BY = re.compile(r"\badopted\s+by\s+(?:the\s+)?(.+?)\s+(?:on|at|in)\b", re.IGNORECASE)
# A paragraph's number, a sub-item's marker, or a bullet; a list item of a web page may
# carry its own marker after the bullet ("- (a) enhance ..."), which then is the marker.
_NUMBER = re.compile(
    r"^\s*(\d{1,4}(?:\.\d{1,3})*|(?:[IVXLC]{1,7}|[A-Z])(?=\.))\.?\s+"  # "1.", "2.1", "II.", "B."
    r"|^\s*(?:[\-\u2022\u2013*]\s+)?\((\w{1,4})\)\s+"
    r"|^\s*(?:[\-\u2022\u2013*]\s+)?(\w)\)\s+"
    r"|^\s*([\-\u2022\u2013*])\s+"
)
_META = re.compile(
    r"^(?:\(\d{2}-\d{3,5}\)|Original:\s*\w+|Page:?\s*\d+(?:/\d+)?|\d{1,2}\s+\w+\s+\d{4}|[\w ]+ Session|"
    r"WORLD TRADE|ORGANIZATION|WORLD TRADE ORGANIZATION|MINISTERIAL CONFERENCE|GENERAL COUNCIL)$",
    re.IGNORECASE,
)
# The kind a title names: "DECLARATION ON ...", "Doha Ministerial Declaration", but not
# "Implementation of Paragraph 6 of the Doha Declaration" (that one is cited).
_TITLE_KIND = re.compile(r"^(?:(?!(?:of|the|on|to)\b)[\w'-]+\s+){0,3}(decision|declaration)\b", re.IGNORECASE)
_SPAN_START = operator.attrgetter("span.start")  # the sort key of noise
_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$")
# A recital's opener the lexicon lacks: a participle ("Conducting").
_PARTICIPLE = re.compile(r"[A-Z][a-z]+ing\b")
# A formula that declares makes a declaration.
_DECLARES = re.compile(r"\bdeclares?\b", re.IGNORECASE)
# The enacting formula around the issuer's name: "The" / "We, the" before it (a comma or
# the verb after it: _formula_end).
_FORMULA_HEAD = re.compile(r"^(?:The|We,\s+the)\s+", re.IGNORECASE)


@attrs.frozen
class _Header:
    """What the front matter and the enacting formula say about the document."""

    symbols: tuple[str, ...]
    date: str | None
    title: str | None
    issuer: str | None
    kind: str


@attrs.define
class _Item:
    """An operative paragraph or sub-item while the tree is being assembled (clean offsets)."""

    number: str | None
    marker: str | None
    start: int
    body_start: int
    end: int
    heading: str | None = None
    children: list[_Item] = attrs.field(factory=list)
    head_end: int = 0  # where the item's own block ends


def build(
    norm: Normalised, tree: lark.Tree[lark.Token], *, registry: Registry, lex: Lexicon, source: str | None = None
) -> Decision:
    """The :class:`Decision` for a document tree of ``norm.text``."""
    return _Builder(norm, registry, lex, source).run(tree)


class _Builder:
    def __init__(self, norm: Normalised, registry: Registry, lex: Lexicon, source: str | None) -> None:
        self.norm = norm
        self.text = norm.text
        self.registry = registry
        self.lex = lex
        self.source = source
        self.noise: list[Noise] = [Noise(fold(span.slice(norm.source)), span, reason) for span, reason in norm.removed]
        self.diagnostics: list[Diagnostic] = []
        self.web_notes: list[tuple[str, lark.Token]] = []
        self.span: Callable[[int, int], Span] = norm.span  # the source span of a clean range

    def clean(self, start: int, end: int) -> str:
        return fold(self.text[start:end])

    # ------------------------------------------------------------------ the document
    def run(self, tree: lark.Tree[lark.Token]) -> Decision:
        front: list[lark.Token] = []
        enacting: lark.Token | None = None
        recitals: list[lark.Tree[lark.Token]] = []
        operative: lark.Tree[lark.Token] | None = None
        for child in tree.children:
            if not isinstance(child, lark.Tree):
                continue
            if child.data == "front":
                front = [t for t in child.children if isinstance(t, lark.Token)]
            elif child.data in ("enacting", "enacting_decides"):
                enacting = _first_token(child)
            elif child.data in ("recital", "unknown_recital"):
                recitals.append(child)
            elif child.data == "operative":
                operative = child
        meta = self.front_matter(front, enacting)
        marker = None
        items: list[_Item] = []
        if operative is not None:
            marker, items = self.operative(operative)
        issuer = meta.issuer
        kind = meta.kind
        if marker is not None and marker.lower().removeprefix("hereby ").startswith("declare"):
            kind = "declaration"
        elif enacting is not None and enacting.type == "ENACTING_DECIDES" and _DECLARES.search(str(enacting)):
            kind = "declaration"  # "We, the Ministers, ... declare as follows:"
        # the date of the adoption line, else of the closing line, else of the formula's
        # meeting ("The General Council, meeting on 15 March 2026,")
        date = meta.date or self.closing_date() or (dates.first_date(str(enacting)) if enacting is not None else None)
        if issuer is None:
            self.diagnostics.append(
                Diagnostic(
                    "no enacting formula, title or adoption line names the issuer: the issuer's own conduct "
                    "('To adopt ...', 'We ...') is given to the Ministerial Conference",
                    None,
                    "no-issuer",
                )
            )
        ctx = Context(
            issuer=issuer or "Ministerial Conference",
            date=date,
            registry=self.registry,
            lex=self.lex,
            to_span=self.norm.span,
            text=self.text,
        )
        notes = self.footnotes()
        preamble = tuple(self.recital(r, notes) for r in recitals)
        paragraphs = tuple(self.paragraph(item, ctx, notes, None) for item in items)
        self.diagnostics.extend(dict.fromkeys(ctx.diagnostics))  # a phrase read for several mandates: once
        symbols = meta.symbols
        footnotes = tuple(note for _, note in notes)
        return Decision(
            kind=kind,
            issuer=issuer,
            date=date,
            title=meta.title,
            symbols=symbols,
            references=self.references(preamble, paragraphs, footnotes, set(symbols)),
            preamble=preamble,
            operative=paragraphs,
            enacting_formula=fold(str(enacting)) if enacting is not None else None,
            footnotes=footnotes,
            noise=tuple(sorted(self.noise, key=_SPAN_START)),
            diagnostics=tuple(self.diagnostics),
            source=self.source,
            text=self.norm.source,
        )

    # ------------------------------------------------------------------ front matter
    def front_matter(self, front: list[lark.Token], enacting: lark.Token | None) -> _Header:
        symbols: list[str] = []
        date: str | None = None
        title: str | None = None
        issuer: str | None = None
        kind = "decision"
        adoption_index: int | None = None
        lines = [fold(str(tok)) for tok in front]  # each line folded once, read up to three times
        plain: list[bool] = []  # neither symbols nor an adoption line: may be the title
        for index, (tok, line) in enumerate(zip(front, lines, strict=True)):
            start, end = _bounds(tok)
            reason = "front matter"
            if _SYMBOL_LINE.match(line):
                symbols.extend(s for s in _SYMBOL.findall(line) if s not in symbols)
                reason = "header"
            elif date is None and (match := _ADOPTION.search(line)):
                date = dates.first_date(line[match.end() :])
                adoption_index = index
                reason = "header"
                if re.search(r"\bdeclaration\b", line[: match.end()], re.IGNORECASE):
                    kind = "declaration"
                if by := _ADOPTED_BY.search(line):
                    issuer = issuer or self.registry.resolve(by.group(1))
            self.noise.append(Noise(line, self.span(start, end), reason))
            plain.append(reason == "front matter")
        # the title: the last plain line before the adoption line (every line before it was
        # searched for one above, the date being still unknown)
        end_index = adoption_index if adoption_index is not None else len(front)
        for index in reversed(range(end_index)):
            if plain[index] and not _META.match(lines[index]):
                title = lines[index]
                break
        if title and (head := _TITLE_KIND.match(title)):
            kind = head.group(1).lower()
        if enacting is not None:
            formula = _FORMULA_HEAD.sub("", fold(str(enacting)))
            formula = _formula_end(tuple(formula_verb_forms(self.lex))).split(formula)[0]
            issuer = self.registry.resolve(formula) or formula
        if issuer is None and (
            any(
                "MINISTERIAL CONFERENCE" in line.upper()
                or _MINISTERIAL_TITLE.match(line)
                or _MINISTERS_SPEAK.match(line)
                for line in lines
            )
            or any(symbol.startswith("WT/MIN(") for symbol in symbols)
        ):
            issuer = "Ministerial Conference"
        return _Header(tuple(symbols), date, title, issuer, kind)

    def closing_date(self) -> str | None:
        """The date of an adoption line in the back matter ("Adopted by the General Council on ...")."""
        for noise in self.noise:
            # after the paragraphs, "(Adopted on 3 March 2026)" may also read as a heading over nothing
            closing = noise.reason in ("back matter", "heading") and _CLOSING_ADOPTION.match(noise.text)
            if closing and (match := _ADOPTION.search(noise.text)) is not None:
                return dates.first_date(noise.text[match.end() :])
        return None

    # ------------------------------------------------------------------ recitals
    def recital(self, tree: lark.Tree[lark.Token], notes: list[tuple[int, Footnote]]) -> Recital:
        tok = _first_token(tree)
        start, end = _bounds(tok)
        text = self.clean(start, end)
        opener = self.opener(text)
        if tree.data == "unknown_recital" or opener is None:
            opener = text.split()[0] if text else ""
            self.diagnostics.append(
                Diagnostic(
                    f"preambular opener {opener!r} is not in the lexicon", self.span(start, end), "unknown-opener"
                )
            )
        own = tuple(n for at, n in notes if start <= at <= end) if notes else ()
        return Recital(opener, text, self.span(start, end), self.refs_in(start, end), own)

    def opener(self, text: str) -> str | None:
        """The recital's opener: the longest of the lexicon's, else a participle; after an
        adverb of the lexicon the opener keeps it ("Also noting", "Further underscoring")."""
        best = self.listed_opener(text) or _participle(text)
        adverbs = self.lex.opener_adverbs_after
        if best is not None and not adverbs.intersection(best.lower().split()):
            # an adverb after the opener stays with it ("Recalling further", "Welcoming also"),
            # unless the opener has one already ("Also recalling also ...")
            after = text[len(best) :].split(" ", 2)
            if len(after) > 1 and not after[0] and after[1].rstrip(",") in adverbs:
                return f"{best} {after[1].rstrip(',')}"
        if best is None:
            adverb, _, rest = text.partition(" ")
            if adverb in self.lex.opener_adverbs and rest[:1].islower():
                capital = rest[:1].upper() + rest[1:]
                inner = self.listed_opener(capital) or _participle(capital)
                if inner is not None:
                    return f"{adverb} {rest[: len(inner)]}"
        return best

    def listed_opener(self, text: str) -> str | None:
        """The longest opener of the lexicon that ``text`` starts with, as a whole word."""
        best = None
        size, groups = _openers_by_start(self.lex.openers)
        for candidate in groups.get(text[:size], ()):
            if not text.startswith(candidate):
                continue
            whole_word = len(text) == len(candidate) or not text[len(candidate)].isalpha()
            if whole_word and (best is None or len(candidate) > len(best)):
                best = candidate
        return best

    # ------------------------------------------------------------------ operative part
    def operative(self, tree: lark.Tree[lark.Token]) -> tuple[str | None, list[_Item]]:
        marker: str | None = None
        items: list[_Item] = []
        heading: str | None = None
        heading_tok: lark.Token | None = None
        for node in _walk(tree):
            if isinstance(node, lark.Token):
                start, end = _bounds(node)
                if node.type == "MARKER":
                    marker = fold(str(node))
                elif node.type == "NOTE":
                    match = re.match(r"\[(\d+)\]\s*", str(node))
                    self.web_notes.append((match.group(1) if match else "", node))
                else:
                    reason = {"END_MARK": "end mark", "ELISION": "elision", "FURNITURE": "web furniture"}.get(
                        node.type, "back matter"
                    )
                    self.noise.append(Noise(self.clean(start, end), self.span(start, end), reason))
                continue
            if node.data == "heading":
                if heading_tok is not None:  # two headings in a row: the first heads nothing
                    self.noise.append(Noise(heading or "", self.span(*_bounds(heading_tok)), "heading"))
                heading_tok = _first_token(node)
                heading = self.clean(*_bounds(heading_tok))
                continue
            if node.data in ("numbered", "unnumbered"):
                item = self.item(node, heading)
                heading, heading_tok = None, None
                if node.data == "unnumbered" and items and items[0].number is not None:
                    _extend(items[-1], item)  # an unnumbered block in a numbered list continues it
                else:
                    items.append(item)
        if heading_tok is not None:
            self.noise.append(Noise(heading or "", self.span(*_bounds(heading_tok)), "heading"))
        return marker, [_nest(item) for item in _lettered_top_level(items)]

    def item(self, tree: lark.Tree[lark.Token], heading: str | None) -> _Item:
        head = next((c for c in tree.children if isinstance(c, lark.Token)), None)
        if head is None:
            head = _first_token(tree)
        item = self.block_item(head)
        item.heading = heading
        for child in tree.children:
            if isinstance(child, lark.Tree):
                item.children.append(self.block_item(_first_token(child)))
            elif child is not head:  # a continuation block
                target = item.children[-1] if item.children else item
                target.end = _bounds(child)[1]
        item.end = max([item.end, *(c.end for c in item.children)])
        return item

    def block_item(self, tok: lark.Token) -> _Item:
        start, end = _bounds(tok)
        block = self.text[start:end]
        match = _NUMBER.match(block)
        if match is None:
            return _Item(None, None, start, start, end, head_end=end)
        number = match.group(1) or match.group(2) or match.group(3) or match.group(4)
        kind = "bullet" if match.group(4) else ("paren" if match.group(2) or match.group(3) else "number")
        return _Item(None if kind == "bullet" else number, kind, start, start + match.end(), end, head_end=end)

    def paragraph(
        self, item: _Item, ctx: Context, notes: list[tuple[int, Footnote]], frame: Frame | None
    ) -> OperativeParagraph:
        own_end = item.children[0].start if item.children else item.end
        mandates, opened = paragraph_mandates(self.text[item.body_start : own_end], item.body_start, ctx, frame=frame)
        children = tuple([self.paragraph(child, ctx, notes, opened or frame) for child in item.children])
        return OperativeParagraph(
            number=item.number,
            text=self.clean(item.body_start, item.end),
            span=self.span(item.body_start, item.end),
            mandates=tuple(mandates),
            subitems=children,
            references=self.refs_in(item.start, own_end),
            # a marker may end it
            footnotes=tuple(n for at, n in notes if item.start <= at <= own_end) if notes else (),
            heading=item.heading,
        )

    # ------------------------------------------------------------------ footnotes, references
    def footnotes(self) -> list[tuple[int, Footnote]]:
        """Every footnote with the clean offset of its marker (for attachment and ordering)."""
        out: list[tuple[int, Footnote]] = []
        for raw in self.norm.footnotes:
            out.append((raw.marker_at if raw.marker_at is not None else len(self.text), self.pdf_note(raw)))
        for marker, tok in self.web_notes:
            start, end = _bounds(tok)
            body = re.sub(r"^\[\d+\]\s*", "", fold(str(tok)))
            refs = tuple(
                Reference(s, self.span(m.start(), m.end()))
                for m in _SYMBOL.finditer(self.text, start, end)
                for s in [m.group(0)]
            )
            at = self.text.find(f"[{marker}]")
            out.append((at if 0 <= at < start else len(self.text), Footnote(marker, body, self.span(start, end), refs)))
        return sorted(out, key=lambda pair: pair[0])

    def pdf_note(self, raw: RawFootnote) -> Footnote:
        refs = tuple(Reference(m.group(0), Span(raw.span.start, raw.span.end)) for m in _SYMBOL.finditer(raw.text))
        return Footnote(raw.marker, raw.text, raw.span, refs)

    def refs_in(self, start: int, end: int) -> tuple[Reference, ...]:
        if self.text.find("/", start, end) < 0:
            return ()  # every symbol has a slash: no need to run the pattern
        return tuple(
            Reference(m.group(0), self.span(m.start(), m.end())) for m in _SYMBOL.finditer(self.text, start, end)
        )

    def references(
        self,
        preamble: tuple[Recital, ...],
        paragraphs: tuple[OperativeParagraph, ...],
        footnotes: tuple[Footnote, ...],
        own: set[str],
    ) -> tuple[str, ...]:
        cited: list[tuple[int, str]] = []
        attached: set[int] = set()  # the footnotes of a recital or paragraph
        nodes: list[Recital | OperativeParagraph] = [*preamble]
        for paragraph in paragraphs:
            nodes += _paragraphs(paragraph)
        for node in nodes:
            cited += [(r.span.start, r.symbol) for r in node.references]
            for f in node.footnotes:
                attached.add(id(f))
                cited += [(node.span.start, r.symbol) for r in f.references]
        for note in footnotes:
            if id(note) not in attached:
                cited += [(note.span.start, r.symbol) for r in note.references]
        out: list[str] = []
        for _, symbol in sorted(cited, key=lambda pair: pair[0]):
            if symbol not in own and symbol not in out:
                out.append(symbol)
        return tuple(out)


@lru_cache(maxsize=8)
def _formula_end(forms: tuple[str, ...]) -> re.Pattern[str]:
    """What ends the issuer's name in an enacting formula: a comma, or the formula's verb."""
    return re.compile(r"\s*,|\s+(?:" + "|".join(map(re.escape, forms)) + r")\b", re.IGNORECASE)


def _participle(text: str) -> str | None:
    """The participle ``text`` opens with ("Conducting"), a recital's opener the lexicon lacks."""
    return text.split()[0] if _PARTICIPLE.match(text) else None


@lru_cache(maxsize=8)
def _openers_by_start(openers: tuple[str, ...]) -> tuple[int, dict[str, tuple[str, ...]]]:
    """The openers grouped by their first characters, as many as the shortest has: a
    text can begin only with the openers of the group its own first characters name."""
    size = min(map(len, openers), default=0)
    groups: dict[str, tuple[str, ...]] = {}
    for opener in openers:
        groups[opener[:size]] = (*groups.get(opener[:size], ()), opener)
    return size, groups


def _paragraphs(paragraph: OperativeParagraph) -> Iterator[OperativeParagraph]:
    yield paragraph
    for sub in paragraph.subitems:
        yield from _paragraphs(sub)


def _walk(tree: lark.Tree[lark.Token]) -> Iterator[lark.Tree[lark.Token] | lark.Token]:
    """The operative subtree in text order: paragraphs and headings whole, other tokens one by one."""
    for child in tree.children:
        if isinstance(child, lark.Token) or child.data in ("numbered", "unnumbered", "heading"):
            yield child
        else:
            yield from _walk(child)


def _first_token(tree: lark.Tree[lark.Token]) -> lark.Token:
    """The first token under ``tree``, in text order."""
    for child in tree.children:
        if isinstance(child, lark.Token):
            return child
        with contextlib.suppress(ValueError):  # an empty subtree: look on
            return _first_token(child)
    raise ValueError(f"empty {tree.data}")


def _bounds(tok: lark.Token) -> tuple[int, int]:
    return tok.start_pos or 0, tok.end_pos or 0


def _extend(item: _Item, more: _Item) -> None:
    item.children.append(_Item(None, None, more.start, more.start, more.end, children=more.children))
    item.end = max(item.end, more.end)


def _lettered_top_level(items: list[_Item]) -> list[_Item]:
    """Lettered items with no numbered parent are the paragraphs ("Decides: (a) to ...; (b) to ...")."""
    out: list[_Item] = []
    for item in items:
        if item.marker != "paren" or item.number is None:
            out.append(item)
            continue
        children, item.children = item.children, []
        lettered = [item]
        for child in children:
            if child.marker == "paren" and _same_style(child.number, item.number):
                lettered.append(child)
            else:  # a (i) or a bullet belongs to the lettered item it follows
                lettered[-1].children.append(child)
        item.end = item.head_end
        for paragraph in lettered:
            paragraph.end = max([paragraph.end, *(c.end for c in paragraph.children)])
        out.extend(lettered)
    return out


def _same_style(number: str | None, first: str | None) -> bool:
    """Both letters ((a), (b)) or both digits ((1), (2)) — roman (i) under (h) aside."""
    if number is None or first is None:
        return False
    return number.isdigit() == first.isdigit() and not (_ROMAN.match(number) and not _ROMAN.match(first))


def _nest(item: _Item) -> _Item:
    """Nest (i), (ii) under the (a) they follow; other sub-items stay at the first level."""
    nested: list[_Item] = []
    previous_letter: str | None = None
    for child in item.children:
        number = child.number or ""
        roman = bool(_ROMAN.match(number)) and not (number == "i" and previous_letter == "h")
        if (
            child.marker == "paren"
            and roman
            and nested
            and nested[-1].marker == "paren"
            and not _ROMAN.match(nested[-1].number or "")
        ):
            nested[-1].children.append(child)
            nested[-1].end = max(nested[-1].end, child.end)
            continue
        if child.marker == "paren" and len(number) == 1 and number.isalpha():
            previous_letter = number
        nested.append(child)
    item.children = nested
    return item
