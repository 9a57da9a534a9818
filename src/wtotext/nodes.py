"""The typed tree that a parse produces.

Every node is a frozen, slotted ``attrs`` class and carries a :class:`Span` into the
text *as given* to :func:`wtotext.parse` (for HTML input: the text extracted from the
markup).  ``node.text`` is the node's own wording with whitespace folded, line-end
hyphenation undone, non-breaking hyphens written "-" and page furniture (running
heads, page numbers, footnote markers) left out; for text that had none of those,
``fold(source[span])`` equals ``node.text``.

>>> from wtotext import parse
>>> d = parse("The General Council,\\n\\nDecides:\\n\\n1. Members shall notify the CTD.\\n")
>>> m = d.mandates()[0]
>>> (m.body.name, m.verb, m.modality.value, m.span.slice(d.text))
('Members', 'notify', 'obligation', 'Members shall notify the CTD')
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import attrs


@attrs.frozen
class Span:
    """Half-open character range ``[start, end)`` in the source text."""

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        # one check after both are set, not a validator each: a parse makes dozens of spans
        if not 0 <= self.start <= self.end:
            if self.start < 0:
                raise ValueError(f"Span.start must be >= 0, got {self.start}")
            raise ValueError(f"Span.end must be >= start ({self.start}), got {self.end}")

    def slice(self, text: str) -> str:
        """The stretch of ``text`` under this span."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_list(cls, value: list[int]) -> Span:
        return cls(int(value[0]), int(value[1]))


class Modality(enum.Enum):
    """The force with which conduct is assigned (GOLD.md rule 3)."""

    OBLIGATION = "obligation"
    PERMISSION = "permission"
    RECOMMENDATION = "recommendation"
    PROHIBITION = "prohibition"


@attrs.frozen
class Actor:
    """A WTO body (or other actor) as named in the text.

    ``name`` is the canonical name from the body registry (or, for a body the
    registry does not know, its full name as written); ``surface`` is the phrase
    as the text writes it; ``known`` says whether the registry knew it.
    """

    name: str
    surface: str
    known: bool = True
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "surface": self.surface,
            "known": self.known,
            "span": self.span.to_list() if self.span else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        span = data.get("span")
        return cls(data["name"], data["surface"], bool(data.get("known", True)), Span.from_list(span) if span else None)


@attrs.frozen
class Deadline:
    """A date or period that conduct is tied to.

    ``date`` is an ISO 8601 partial date (``2013``, ``2012-07``, ``2017-12-31``), or
    ``None`` for a limit the text states without a date (``by its next meeting``).
    """

    text: str
    date: str | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "date": self.date, "span": self.span.to_list()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Deadline:
        return cls(data["text"], data.get("date"), Span.from_list(data["span"]))


@attrs.frozen
class Reference:
    """A citation of another WTO document by its symbol (``WT/L/274``)."""

    symbol: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"symbol": self.symbol, "span": self.span.to_list()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reference:
        return cls(data["symbol"], Span.from_list(data["span"]))


@attrs.frozen
class Mandate:
    """One assignment of conduct to an actor (GOLD.md).

    ``verb`` is the lemma of the main verb, ``action`` the verb phrase as written,
    ``via`` the body the task is routed through, ``time_limits`` the deadline
    phrases; :attr:`deadlines` gives their ISO dates.
    """

    body: Actor
    verb: str
    modality: Modality
    action: str
    span: Span
    via: Actor | None = None
    time_limits: tuple[Deadline, ...] = ()

    @property
    def deadlines(self) -> tuple[str, ...]:
        """The ISO partial dates of the time limits that have one, in text order."""
        return tuple(d.date for d in self.time_limits if d.date)

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body.name,
            "surface": self.body.surface,
            "known": self.body.known,
            "body_span": self.body.span.to_list() if self.body.span else None,
            "verb": self.verb,
            "modality": self.modality.value,
            "action": self.action,
            "via": self.via.name if self.via else None,
            "via_actor": self.via.to_dict() if self.via else None,
            "deadlines": list(self.deadlines),
            "time_limits": [d.to_dict() for d in self.time_limits],
            "span": self.span.to_list(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mandate:
        body_span = data.get("body_span")
        body = Actor(
            data["body"],
            data.get("surface", data["body"]),
            bool(data.get("known", True)),
            Span.from_list(body_span) if body_span else None,
        )
        via_data = data.get("via_actor")
        via = Actor.from_dict(via_data) if via_data else (Actor(data["via"], data["via"]) if data.get("via") else None)
        return cls(
            body=body,
            verb=data["verb"],
            modality=Modality(data["modality"]),
            action=data.get("action", ""),
            span=Span.from_list(data["span"]),
            via=via,
            time_limits=tuple(Deadline.from_dict(d) for d in data.get("time_limits", ())),
        )


@attrs.frozen
class Footnote:
    """A footnote, attached to the paragraph that carries its marker."""

    marker: str
    text: str
    span: Span
    references: tuple[Reference, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "text": self.text,
            "span": self.span.to_list(),
            "references": [r.to_dict() for r in self.references],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Footnote:
        return cls(
            data["marker"],
            data["text"],
            Span.from_list(data["span"]),
            tuple(Reference.from_dict(r) for r in data.get("references", ())),
        )


@attrs.frozen
class Recital:
    """A preambular paragraph: its opener (``Recalling``) and its text."""

    opener: str
    text: str
    span: Span
    references: tuple[Reference, ...] = ()
    footnotes: tuple[Footnote, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "opener": self.opener,
            "text": self.text,
            "span": self.span.to_list(),
            "references": [r.to_dict() for r in self.references],
            "footnotes": [f.to_dict() for f in self.footnotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recital:
        return cls(
            data["opener"],
            data["text"],
            Span.from_list(data["span"]),
            tuple(Reference.from_dict(r) for r in data.get("references", ())),
            tuple(Footnote.from_dict(f) for f in data.get("footnotes", ())),
        )


@attrs.frozen
class OperativeParagraph:
    """An operative paragraph, with its sub-items ((a), (i), bullets) nested inside.

    ``text`` and ``span`` cover the paragraph after its number, sub-items included.
    ``mandates`` holds the mandates of this paragraph's own sentences; those of the
    sub-items sit on the sub-items (:meth:`all_mandates` gathers both).
    ``heading`` is the section heading printed above the paragraph, if any.
    """

    number: str | None
    text: str
    span: Span
    mandates: tuple[Mandate, ...] = ()
    subitems: tuple[OperativeParagraph, ...] = ()
    references: tuple[Reference, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    heading: str | None = None

    def all_mandates(self) -> Iterator[Mandate]:
        """This paragraph's mandates, then those of its sub-items, depth first."""
        yield from self.mandates
        for item in self.subitems:
            yield from item.all_mandates()

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "span": self.span.to_list(),
            "heading": self.heading,
            # The scorer reads a paragraph's mandates here: sub-items' mandates count
            # for their top-level paragraph (GOLD.md), so this list has them all.
            "mandates": [m.to_dict() for m in self.all_mandates()],
            "own_mandates": len(self.mandates),
            "subitems": [s.to_dict() for s in self.subitems],
            "references": [r.to_dict() for r in self.references],
            "footnotes": [f.to_dict() for f in self.footnotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OperativeParagraph:
        subitems = tuple(cls.from_dict(s) for s in data.get("subitems", ()))
        every = [Mandate.from_dict(m) for m in data.get("mandates", ())]
        own = data.get("own_mandates", len(every))
        return cls(
            number=data.get("number"),
            text=data["text"],
            span=Span.from_list(data["span"]),
            mandates=tuple(every[:own]),
            subitems=subitems,
            references=tuple(Reference.from_dict(r) for r in data.get("references", ())),
            footnotes=tuple(Footnote.from_dict(f) for f in data.get("footnotes", ())),
            heading=data.get("heading"),
        )


@attrs.frozen
class Noise:
    """A stretch of input that is not part of the decision, kept for inspection."""

    text: str
    span: Span
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": self.span.to_list(), "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Noise:
        return cls(data["text"], Span.from_list(data["span"]), data["reason"])


@attrs.frozen
class Diagnostic:
    """Something the parser noticed and could not fully understand."""

    message: str
    span: Span | None = None
    code: str = "note"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "span": self.span.to_list() if self.span else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        span = data.get("span")
        return cls(data["message"], Span.from_list(span) if span else None, data.get("code", "note"))


@attrs.frozen
class Decision:
    """A parsed decision or declaration.

    ``issuer`` is the canonical name of the adopting body, ``date`` the adoption
    date as an ISO partial date (from the front matter, or else from an adoption line
    after the paragraphs: "Adopted by the General Council on 22 July 2025"),
    ``symbols`` the document's own symbols and
    ``references`` the other documents it cites, in order of first citation.
    """

    kind: str
    issuer: str | None
    date: str | None
    title: str | None
    symbols: tuple[str, ...]
    references: tuple[str, ...]
    preamble: tuple[Recital, ...]
    operative: tuple[OperativeParagraph, ...]
    enacting_formula: str | None = None
    footnotes: tuple[Footnote, ...] = ()
    noise: tuple[Noise, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    source: str | None = None
    text: str = attrs.field(default="", repr=False, eq=False)

    def mandates(self, *, body: str | Actor | None = None, modality: Modality | str | None = None) -> list[Mandate]:
        """The mandates of every operative paragraph, in text order, optionally filtered.

        ``body`` takes a canonical name, an alias or an :class:`Actor`, in any case;
        ``modality`` takes a :class:`Modality` or its value (``"permission"``).
        """
        from wtotext.query import select_mandates

        return select_mandates(self.all_mandates(), body=body, modality=modality)

    def obligations(self, body: str | Actor | None = None) -> list[Mandate]:
        """The mandates whose modality is :attr:`Modality.OBLIGATION`."""
        return self.mandates(body=body, modality=Modality.OBLIGATION)

    def all_mandates(self) -> Iterator[Mandate]:
        for paragraph in self.operative:
            yield from paragraph.all_mandates()

    def to_dict(self) -> dict[str, Any]:
        """The JSON record's ``decision`` object (see docs/reference/json.md)."""
        return {
            "kind": self.kind,
            "issuer": self.issuer,
            "date": self.date,
            "title": self.title,
            "symbols": list(self.symbols),
            "references": list(self.references),
            "enacting_formula": self.enacting_formula,
            "preamble": [r.to_dict() for r in self.preamble],
            "operative": [p.to_dict() for p in self.operative],
            "footnotes": [f.to_dict() for f in self.footnotes],
            "noise": [n.to_dict() for n in self.noise],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, text: str = "") -> Decision:
        """Read back what :meth:`to_dict` wrote: ``Decision.from_dict(d.to_dict()) == d``."""
        return cls(
            kind=data["kind"],
            issuer=data.get("issuer"),
            date=data.get("date"),
            title=data.get("title"),
            symbols=tuple(data.get("symbols", ())),
            references=tuple(data.get("references", ())),
            enacting_formula=data.get("enacting_formula"),
            preamble=tuple(Recital.from_dict(r) for r in data.get("preamble", ())),
            operative=tuple(OperativeParagraph.from_dict(p) for p in data.get("operative", ())),
            footnotes=tuple(Footnote.from_dict(f) for f in data.get("footnotes", ())),
            noise=tuple(Noise.from_dict(n) for n in data.get("noise", ())),
            diagnostics=tuple(Diagnostic.from_dict(d) for d in data.get("diagnostics", ())),
            source=data.get("source"),
            text=text,
        )
