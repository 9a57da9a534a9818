"""Akoma Ntoso 3.0 export of a decision, and the way back.

:func:`to_akn` writes a :class:`~wtotext.nodes.Decision` as an Akoma Ntoso 3.0 document
of type ``<statement name="decision">`` (or ``"declaration"``), the type the AKN4UN
conventions give to resolutions and other acts of a deliberative body that are not
legislation:

- ``<meta>``: FRBR Work / Expression / Manifestation URIs built from the first symbol
  and the adoption date; every body named (the issuer, each mandate's body and routing
  body) as a ``<TLCOrganization>`` in ``<references>``; the mandates, the cited symbols,
  the noise and the diagnostics in ``<analysis><otherAnalysis>``, in wtotext's own
  namespace (:data:`WT`); footnotes attached to no paragraph as ``<notes><note>``.
- ``<preface>``: each symbol as ``<docNumber>``, the title as ``<docTitle>``, the
  adoption date as ``<docDate date="...">`` (the ISO date as the text).
- ``<preamble>``: the enacting formula as ``<formula name="enactingFormula">`` and
  each recital as ``<recitals><recital>``.
- ``<mainBody>``: one ``<paragraph>`` per operative paragraph with ``<num>``,
  ``<heading>`` and ``<content><p>``; a paragraph with sub-items has its own words in
  ``<intro>`` and each sub-item as a nested ``<point>``.
- In the text: the bodies the mandates name (and the issuer in the enacting formula) as
  ``<organization refersTo="#org_...">``, cited symbols as ``<ref href="...">``,
  deadlines with a full date as ``<date date="...">``, footnotes as
  ``<authorialNote>`` where their marker stood (failing that, at the paragraph's end).

Spans, openers and other values of the tree that AKN has no place for ride along as
attributes in the :data:`WT` namespace (the schema admits foreign attributes), so
:func:`from_akn` rebuilds the very tree that was exported: ``from_akn(to_akn(d)) == d``
(``Decision`` equality leaves out the source text, which is not exported; characters
XML cannot carry, such as form feeds, are written as U+FFFD).

>>> import wtotext
>>> d = wtotext.parse_file("corpus/ecom-2009.txt")
>>> xml = to_akn(d)
>>> xml.splitlines()[2]
'  <statement name="decision">'
>>> from_akn(xml) == d
True
>>> [(m.verb, m.deadlines) for m in from_akn(xml).obligations(body="General Council")]
[('hold', ('2010-07', '2010-12', '2011-07'))]
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote

from lxml import etree

from wtotext.nodes import (
    Actor,
    Deadline,
    Decision,
    Diagnostic,
    Footnote,
    Mandate,
    Modality,
    Noise,
    OperativeParagraph,
    Recital,
    Reference,
    Span,
)

#: The Akoma Ntoso 3.0 namespace.
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: wtotext's namespace for the analysis block and the attributes AKN has no place for.
WT = "https://wtotext.invalid/ns/akn/1"
_A = f"{{{AKN}}}"
_W = f"{{{WT}}}"
# Characters XML 1.0 cannot carry; written as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Elements whose content is text: never indented, or the text would change.
_TEXTUAL = {_A + t for t in ("p", "num", "heading", "docNumber", "docTitle", "docDate")} | {
    _W + t for t in ("action", "noise", "diagnostic")
}


def to_akn(decision: Decision) -> str:
    """The decision as an Akoma Ntoso 3.0 XML document (a string, UTF-8 declared).

    >>> import wtotext
    >>> d = wtotext.parse("The General Council,\\n\\nDecides:\\n\\n1. The CTD shall report by 31 July 2026.\\n")
    >>> xml = to_akn(d)
    >>> print(next(line for line in xml.splitlines() if "<date" in line).strip())
    <p><organization refersTo="#org_CommitteeOnTradeAndDevelopment">The CTD</organization> shall report by \
<date date="2026-07-31">31 July 2026</date>.</p>
    """
    return _Writer(decision).document()


def from_akn(xml: str | bytes) -> Decision:
    """Read back a document written by :func:`to_akn`: ``from_akn(to_akn(d)) == d``.

    Everything is read from the document's text and wtotext's analysis block; a
    document from another source (without that block) raises ``ValueError``. The
    source text is not part of an export, so the result's ``text`` is empty.
    """
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(data, parser)
    return _Reader(root).decision()


# ----------------------------------------------------------------------------- writing


class _Mark(NamedTuple):
    """An inline element to write over ``text[start:end]`` (``end == start`` for a note)."""

    start: int
    end: int
    tag: str
    attrib: dict[str, str]
    note: Footnote | None = None


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _span_value(span: Span) -> str:
    return f"{span.start} {span.end}"


def _full_date(date: str) -> str:
    """An ``xsd:date`` for an ISO partial date: the first day of its period."""
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


def _fold(text: str) -> str:
    return " ".join(text.split())


def _locate(text: str, needle: str, hint: int) -> int:
    """Where ``needle`` stands in ``text``, the occurrence nearest ``hint``; -1 if nowhere."""
    if not needle:
        return -1
    best = -1
    at = text.find(needle)
    while at >= 0:
        if best < 0 or abs(at - hint) < abs(best - hint):
            best = at
        at = text.find(needle, at + 1)
    return best


def _num(number: str, tag: str) -> str:
    return f"({number})" if tag == "point" and not number[:1].isdigit() else f"{number}."


def _unnum(num: str) -> str:
    if num.startswith("(") and num.endswith(")"):
        return num[1:-1]
    return num.removesuffix(".")


def _marker(item: OperativeParagraph) -> str:
    return f"({item.number})" if item.number else "-"


def _split(p: OperativeParagraph) -> tuple[str, bool]:
    """The paragraph's own words before its sub-items, and whether the tree's ``text`` is
    those words followed by each sub-item's marker and text (else it is kept whole)."""
    tail = " ".join(f"{_marker(s)} {s.text}" for s in p.subitems)
    if p.text == tail:
        return "", True
    if p.text.endswith(" " + tail):
        return p.text[: -len(tail) - 1], True
    first = p.text.find(_marker(p.subitems[0]))
    return (p.text[:first].rstrip() if first > 0 else p.text), False


def _joined(own: str, subitems: list[OperativeParagraph]) -> str:
    return " ".join([own] * bool(own) + [f"{_marker(s)} {s.text}" for s in subitems])


def _eid_words(name: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", name)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Unnamed"


class _Writer:
    def __init__(self, decision: Decision) -> None:
        self.d = decision
        self.used: set[str] = set()
        self.bodies = self._bodies()
        self.note_ids = {id(f): self._unique(f"fnt_{i}") for i, f in enumerate(decision.footnotes, start=1)}
        self.marks = self._actor_and_date_marks()
        self.markers = [n for n in decision.noise if n.reason == "footnote marker"]
        self.record: etree._Element = etree.Element(_W + "decision")

    # -------------------------------------------------------------- identifiers
    def _unique(self, eid: str) -> str:
        candidate, n = eid, 1
        while candidate in self.used:
            n += 1
            candidate = f"{eid}_{n}"
        self.used.add(candidate)
        return candidate

    def _bodies(self) -> dict[str, str]:
        """Canonical name -> TLCOrganization eId, for the issuer and every body a mandate names."""
        names: list[str] = [self.d.issuer] if self.d.issuer else []
        for m in self.d.all_mandates():
            names += [m.body.name] + ([m.via.name] if m.via else [])
        return {name: self._unique("org_" + _eid_words(name)) for name in dict.fromkeys(names)}

    def _actor_and_date_marks(self) -> list[tuple[Span, str, str, dict[str, str]]]:
        """(span in the source, phrase, tag, attributes) of every body mention and full-date deadline."""
        found: dict[tuple[int, int, str], tuple[Span, str, str, dict[str, str]]] = {}
        for m in self.d.all_mandates():
            for actor in (m.body, m.via):
                # an operative "To ..." is the issuer's own conduct: its span holds no name to mark
                if actor is not None and actor.span is not None and actor.surface.lower() != "to":
                    attrib = {"refersTo": "#" + self.bodies[actor.name]}
                    found[(actor.span.start, actor.span.end, "o")] = (actor.span, actor.surface, "organization", attrib)
            for t in m.time_limits:
                if t.date and len(t.date) == 10:
                    found[(t.span.start, t.span.end, "d")] = (t.span, t.text, "date", {"date": t.date})
        return list(found.values())

    # -------------------------------------------------------------- document
    def document(self) -> str:
        d = self.d
        root = etree.Element(_A + "akomaNtoso", nsmap={None: AKN, "wtotext": WT})
        statement = etree.SubElement(root, _A + "statement", name=d.kind)
        meta = self._meta(statement)
        self._preface(statement)
        self._preamble(statement)
        main = etree.SubElement(statement, _A + "mainBody")
        for number, paragraph in enumerate(d.operative, start=1):
            self._paragraph(main, paragraph, self._unique(f"para_{number}"), "paragraph")
        if not d.operative:  # AKN wants one; marked so that from_akn skips it
            empty = etree.SubElement(main, _A + "paragraph", {"eId": "para_1", _W + "empty": "true"})
            etree.SubElement(etree.SubElement(empty, _A + "content"), _A + "p")
        for n in d.noise:
            etree.SubElement(self.record, _W + "noise", reason=_x(n.reason), span=_span_value(n.span)).text = _x(n.text)
        for g in d.diagnostics:
            diag = etree.SubElement(self.record, _W + "diagnostic", code=_x(g.code))
            if g.span is not None:
                diag.set("span", _span_value(g.span))
            diag.text = _x(g.message)
        self._unattached_notes(meta)
        _indent(root, 0)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode("utf-8") + "\n"

    def _meta(self, statement: etree._Element) -> etree._Element:
        d = self.d
        meta = etree.SubElement(statement, _A + "meta")
        ident = etree.SubElement(meta, _A + "identification", source="#wtotext")
        date = _full_date(d.date) if d.date else "1995-01-01"  # no date stated: the WTO's first day
        number = quote(re.sub(r"[/\s]+", "-", d.symbols[0]) if d.symbols else "unnumbered", safe="()-.")
        work = f"/akn/un/statement/{quote(d.kind)}/wto/{date}/{number}"
        author = "#" + self.bodies[d.issuer] if d.issuer else "#wtotext"
        date_name = "adoption" if d.date else "unknown"
        for level, uri, who, what in (
            ("FRBRWork", work, author, date_name),
            ("FRBRExpression", work + "/eng@", author, date_name),
            ("FRBRManifestation", work + "/eng@", "#wtotext", "generation"),
        ):
            el = etree.SubElement(ident, _A + level)
            this = uri + ("/!main.xml" if level == "FRBRManifestation" else "/!main")
            etree.SubElement(el, _A + "FRBRthis", value=this)
            etree.SubElement(el, _A + "FRBRuri", value=uri + (".xml" if level == "FRBRManifestation" else ""))
            etree.SubElement(el, _A + "FRBRdate", date=date, name=what)
            etree.SubElement(el, _A + "FRBRauthor", href=who)
            if level == "FRBRWork":
                etree.SubElement(el, _A + "FRBRcountry", value="un")
                etree.SubElement(el, _A + "FRBRsubtype", value=d.kind)
                for s in d.symbols:
                    etree.SubElement(el, _A + "FRBRnumber", value=_x(s))
            elif level == "FRBRExpression":
                etree.SubElement(el, _A + "FRBRlanguage", language="eng")
        other = etree.SubElement(etree.SubElement(meta, _A + "analysis", source="#wtotext"), _A + "otherAnalysis")
        other.set("source", "#wtotext")
        other.append(self.record)
        self.record.set("kind", d.kind)
        for name, value in (("issuer", d.issuer), ("date", d.date), ("source", d.source)):
            if value is not None:
                self.record.set(name, _x(value))
        if d.footnotes:
            self.record.set("footnotes", " ".join(self.note_ids[id(f)] for f in d.footnotes))
        for symbol in d.references:
            etree.SubElement(self.record, _W + "reference", symbol=_x(symbol))
        refs = etree.SubElement(meta, _A + "references", source="#wtotext")
        etree.SubElement(refs, _A + "TLCOrganization", eId="wtotext", href="/ontology/organization/wtotext")
        refs[-1].set("showAs", "wtotext")
        for name, eid in self.bodies.items():
            href = "/ontology/organization/wto/" + eid.removeprefix("org_")
            etree.SubElement(refs, _A + "TLCOrganization", eId=eid, href=href, showAs=_x(name))
        return meta

    def _preface(self, statement: etree._Element) -> None:
        d = self.d
        preface = etree.SubElement(statement, _A + "preface")
        for symbol in d.symbols:
            line = etree.SubElement(preface, _A + "p", attrib={"class": "symbol"})
            etree.SubElement(line, _A + "docNumber").text = _x(symbol)
        if d.title is not None:
            etree.SubElement(etree.SubElement(preface, _A + "p"), _A + "docTitle").text = _x(d.title)
        if d.date is not None:
            line = etree.SubElement(preface, _A + "p")
            etree.SubElement(line, _A + "docDate", date=_full_date(d.date)).text = d.date
        if len(preface) == 0:
            etree.SubElement(preface, _A + "p")

    def _preamble(self, statement: etree._Element) -> None:
        d = self.d
        if d.enacting_formula is None and not d.preamble:
            return
        preamble = etree.SubElement(statement, _A + "preamble")
        if d.enacting_formula is not None:
            formula = etree.SubElement(preamble, _A + "formula", name="enactingFormula")
            marks = []
            issuer = re.search(r"(?:the\s+)?" + re.escape(d.issuer), d.enacting_formula, re.I) if d.issuer else None
            if issuer is not None and d.issuer is not None:
                marks.append(
                    _Mark(issuer.start(), issuer.end(), "organization", {"refersTo": "#" + self.bodies[d.issuer]})
                )
            self._text(etree.SubElement(formula, _A + "p"), d.enacting_formula, marks)
        if d.preamble:
            recitals = etree.SubElement(preamble, _A + "recitals", eId=self._unique("recitals"))
            for i, recital in enumerate(d.preamble, start=1):
                el = etree.SubElement(recitals, _A + "recital", eId=self._unique(f"recitals__recital_{i}"))
                el.set(_W + "opener", _x(recital.opener))
                el.set(_W + "span", _span_value(recital.span))
                p = etree.SubElement(el, _A + "p")
                self._node_text(
                    p, recital.text, recital.span.start, recital.span.end, recital.references, recital.footnotes
                )

    def _paragraph(self, parent: etree._Element, p: OperativeParagraph, eid: str, tag: str) -> None:
        el = etree.SubElement(parent, _A + tag, {"eId": eid, _W + "span": _span_value(p.span)})
        if p.number is not None:
            etree.SubElement(el, _A + "num").text = _x(_num(p.number, tag))
            if _unnum(_num(p.number, tag)) != p.number:
                el.set(_W + "number", _x(p.number))
        if p.heading is not None:
            etree.SubElement(el, _A + "heading").text = _x(p.heading)
        for m in p.mandates:
            self._mandate(m, eid)
        if not p.subitems:
            block = etree.SubElement(etree.SubElement(el, _A + "content"), _A + "p")
            self._node_text(block, p.text, p.span.start, p.span.end, p.references, p.footnotes)
            return
        own, exact = _split(p)
        if not exact:
            el.set(_W + "text", _x(p.text))
        if own or p.references or p.footnotes:
            block = etree.SubElement(etree.SubElement(el, _A + "intro"), _A + "p")
            self._node_text(block, own, p.span.start, p.subitems[0].span.start, p.references, p.footnotes)
        keys: set[str] = set()
        for i, sub in enumerate(p.subitems, start=1):
            key = re.sub(r"[^A-Za-z0-9]", "", sub.number or "") or str(i)
            key = key if key not in keys else str(i)
            keys.add(key)
            self._paragraph(el, sub, self._unique(f"{eid}__point_{key}"), "point")

    def _mandate(self, m: Mandate, eid: str) -> None:
        el = etree.SubElement(self.record, _W + "mandate", paragraph=eid)
        self._actor(el, m.body, "body")
        el.set("verb", _x(m.verb))
        el.set("modality", m.modality.value)
        el.set("span", _span_value(m.span))
        etree.SubElement(el, _W + "action").text = _x(m.action)
        if m.via is not None:
            self._actor(etree.SubElement(el, _W + "via"), m.via, "name")
        for t in m.time_limits:
            limit = etree.SubElement(el, _W + "timeLimit", text=_x(t.text), span=_span_value(t.span))
            if t.date is not None:
                limit.set("date", t.date)

    def _actor(self, el: etree._Element, actor: Actor, name_attribute: str) -> None:
        el.set(name_attribute, _x(actor.name))
        el.set("surface", _x(actor.surface))
        el.set("known", "true" if actor.known else "false")
        if actor.span is not None:
            el.set("bodySpan" if name_attribute == "body" else "span", _span_value(actor.span))

    def _unattached_notes(self, meta: etree._Element) -> None:
        attached = {id(f) for r in self.d.preamble for f in r.footnotes}
        attached |= {id(f) for p in self.d.operative for f in _each_footnote(p)}
        loose = [f for f in self.d.footnotes if id(f) not in attached]
        if not loose:
            return
        notes = etree.SubElement(meta, _A + "notes", source="#wtotext")
        for f in loose:
            self._note(etree.SubElement(notes, _A + "note"), f)

    def _note(self, el: etree._Element, f: Footnote) -> None:
        eid = self.note_ids.get(id(f))
        if eid is None:  # a footnote the decision's own list does not hold
            eid = self.note_ids[id(f)] = self._unique(f"fnt_{len(self.note_ids) + 1}")
        el.set("eId", eid)
        el.set("marker", _x(f.marker))
        el.set("placement", "bottom")
        el.set(_W + "span", _span_value(f.span))
        self._node_text(etree.SubElement(el, _A + "p"), f.text, f.span.start, f.span.end, f.references, ())

    # -------------------------------------------------------------- text with marks
    def _node_text(
        self,
        el: etree._Element,
        text: str,
        start: int,
        end: int,
        references: tuple[Reference, ...],
        footnotes: tuple[Footnote, ...],
    ) -> None:
        """Write a node's own ``text`` (source region ``[start, end)``) with its marks."""
        marks: list[_Mark] = []
        for r in references:
            at = _locate(text, r.symbol, r.span.start - start)
            attrib = {"href": "/akn/un/doc/wto/" + quote(r.symbol, safe="/()-."), _W + "span": _span_value(r.span)}
            if at < 0 or _overlaps(marks, at, at + len(r.symbol)):
                attrib[_W + "symbol"] = r.symbol  # no place in the text: an empty <ref> at the end
                marks.append(_Mark(len(text), len(text), "ref", attrib))
            else:
                marks.append(_Mark(at, at + len(r.symbol), "ref", attrib))
        for span, phrase, tag, attrib in self.marks:
            if start <= span.start < end:
                needle = _fold(phrase)
                at = _locate(text, needle, span.start - start)
                if at >= 0 and not _overlaps(marks, at, at + len(needle)):
                    marks.append(_Mark(at, at + len(needle), tag, attrib))
        for f in footnotes:
            at = self._note_position(text, start, end, f)
            inside = [m for m in marks if m.start < at < m.end]
            at = inside[0].end if inside else at
            marks.append(_Mark(at, at, "authorialNote", {}, f))
        self._text(el, text, marks)

    def _note_position(self, text: str, start: int, end: int, f: Footnote) -> int:
        """Just after the words its marker followed in the source, if they can be found; else the end."""
        for marker in self.markers:
            if marker.text == f.marker and start <= marker.span.start <= end and self.d.text:
                words = _fold(self.d.text[max(start, marker.span.start - 60) : marker.span.start]).split(" ")[-3:]
                before = " ".join(words)
                at = _locate(text, before, marker.span.start - start - len(before))
                if before and at >= 0:
                    return at + len(before)
        return len(text)

    def _text(self, el: etree._Element, text: str, marks: list[_Mark]) -> None:
        marks = sorted(marks, key=lambda m: (m.start, m.end > m.start, m.end))
        el.text = _x(text[: marks[0].start]) if marks else _x(text)
        for i, mark in enumerate(marks):
            child = etree.SubElement(el, _A + mark.tag, attrib=mark.attrib)
            if mark.note is not None:
                self._note(child, mark.note)
            else:
                child.text = _x(text[mark.start : mark.end])
            upto = marks[i + 1].start if i + 1 < len(marks) else len(text)
            child.tail = _x(text[mark.end : upto])


def _overlaps(marks: list[_Mark], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in marks if m.end > m.start)


def _each_footnote(p: OperativeParagraph) -> list[Footnote]:
    return list(p.footnotes) + [f for s in p.subitems for f in _each_footnote(s)]


def _indent(el: etree._Element, level: int) -> None:
    """Indent the structure two spaces a level, leaving every text untouched."""
    if el.tag in _TEXTUAL or len(el) == 0:
        return
    if el.text is not None and el.text.strip():
        return
    for child in el:
        if child.tail is not None and child.tail.strip():
            return
    el.text = "\n" + "  " * (level + 1)
    for child in el:
        child.tail = "\n" + "  " * (level + 1)
        _indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level


# ----------------------------------------------------------------------------- reading


def _read_span(value: str | None) -> Span:
    if value is None:
        raise ValueError("a wtotext span attribute is missing")
    start, end = value.split()
    return Span(int(start), int(end))


def _opt_span(value: str | None) -> Span | None:
    return _read_span(value) if value is not None else None


class _Reader:
    def __init__(self, root: etree._Element) -> None:
        docs = [el for el in root if isinstance(el.tag, str)]
        if root.tag != _A + "akomaNtoso" or not docs:
            raise ValueError("not an Akoma Ntoso 3.0 document")
        self.doc = docs[0]
        record = self.doc.find(f"{_A}meta/{_A}analysis/{_A}otherAnalysis/{_W}decision")
        if record is None:
            raise ValueError("not a wtotext export: the document has no wtotext analysis block")
        self.record = record
        self.notes: dict[str, Footnote] = {}
        self.mandates: dict[str, list[Mandate]] = {}
        for el in record.iter(_W + "mandate"):
            self.mandates.setdefault(el.get("paragraph", ""), []).append(_mandate(el))

    def decision(self) -> Decision:
        record, doc = self.record, self.doc
        for note in doc.iterfind(f"{_A}meta/{_A}notes/{_A}note"):
            self._footnote(note)
        formula = doc.find(f"{_A}preamble/{_A}formula/{_A}p")
        preamble = tuple(self._recital(el) for el in doc.iterfind(f"{_A}preamble/{_A}recitals/{_A}recital"))
        operative = tuple(
            self._paragraph(el) for el in doc.iterfind(f"{_A}mainBody/{_A}paragraph") if el.get(_W + "empty") is None
        )
        title = doc.find(f"{_A}preface/{_A}p/{_A}docTitle")
        return Decision(
            kind=record.get("kind", "decision"),
            issuer=record.get("issuer"),
            date=record.get("date"),
            title=(title.text or "") if title is not None else None,
            symbols=tuple(el.text or "" for el in doc.iterfind(f"{_A}preface/{_A}p/{_A}docNumber")),
            references=tuple(el.get("symbol", "") for el in record.iterfind(_W + "reference")),
            preamble=preamble,
            operative=operative,
            enacting_formula=_own_text(formula) if formula is not None else None,
            footnotes=tuple(self.notes[eid] for eid in record.get("footnotes", "").split()),
            noise=tuple(
                Noise(el.text or "", _read_span(el.get("span")), el.get("reason", ""))
                for el in record.iterfind(_W + "noise")
            ),
            diagnostics=tuple(
                Diagnostic(el.text or "", _opt_span(el.get("span")), el.get("code", "note"))
                for el in record.iterfind(_W + "diagnostic")
            ),
            source=record.get("source"),
        )

    def _recital(self, el: etree._Element) -> Recital:
        p = el.find(_A + "p")
        return Recital(
            opener=el.get(_W + "opener", ""),
            text=_own_text(p) if p is not None else "",
            span=_read_span(el.get(_W + "span")),
            references=_references(p),
            footnotes=self._footnotes(p),
        )

    def _paragraph(self, el: etree._Element) -> OperativeParagraph:
        num = el.findtext(_A + "num")
        subitems = tuple(self._paragraph(point) for point in el.iterfind(_A + "point"))
        block = el.find(f"{_A}content/{_A}p")
        if block is None:
            block = el.find(f"{_A}intro/{_A}p")
        own = _own_text(block) if block is not None else ""
        text = el.get(_W + "text") or (_joined(own, list(subitems)) if subitems else own)
        return OperativeParagraph(
            number=el.get(_W + "number") or (_unnum(num) if num is not None else None),
            text=text,
            span=_read_span(el.get(_W + "span")),
            mandates=tuple(self.mandates.get(el.get("eId", ""), ())),
            subitems=subitems,
            references=_references(block),
            footnotes=self._footnotes(block),
            heading=el.findtext(_A + "heading"),
        )

    def _footnotes(self, p: etree._Element | None) -> tuple[Footnote, ...]:
        return () if p is None else tuple(self._footnote(el) for el in p.iterfind(_A + "authorialNote"))

    def _footnote(self, el: etree._Element) -> Footnote:
        p = el.find(_A + "p")
        note = Footnote(
            marker=el.get("marker", ""),
            text=_own_text(p) if p is not None else "",
            span=_read_span(el.get(_W + "span")),
            references=_references(p),
        )
        self.notes[el.get("eId", "")] = note
        return note


def _own_text(p: etree._Element) -> str:
    """The text of a block, marks included, notes left out."""
    parts = [p.text or ""]
    for child in p:
        if child.tag != _A + "authorialNote":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _references(p: etree._Element | None) -> tuple[Reference, ...]:
    if p is None:
        return ()
    return tuple(
        Reference(el.get(_W + "symbol") or el.text or "", _read_span(el.get(_W + "span")))
        for el in p.iterfind(_A + "ref")
    )


def _read_actor(el: etree._Element, name_attribute: str) -> Actor:
    span = el.get("bodySpan" if name_attribute == "body" else "span")
    return Actor(el.get(name_attribute, ""), el.get("surface", ""), el.get("known") == "true", _opt_span(span))


def _mandate(el: etree._Element) -> Mandate:
    via = el.find(_W + "via")
    return Mandate(
        body=_read_actor(el, "body"),
        verb=el.get("verb", ""),
        modality=Modality(el.get("modality", "obligation")),
        action=el.findtext(_W + "action") or "",
        span=_read_span(el.get("span")),
        via=_read_actor(via, "name") if via is not None else None,
        time_limits=tuple(
            Deadline(t.get("text", ""), t.get("date"), _read_span(t.get("span"))) for t in el.iterfind(_W + "timeLimit")
        ),
    )
