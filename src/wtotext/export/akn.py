"""Akoma Ntoso 3.0 export (and the way back for the mandates).

A decision becomes an AKN ``<statement name="decision">`` (the document type AKN4UN
uses for resolutions): FRBR metadata with the symbol and adoption date, the bodies as
``<TLCOrganization>`` references, the symbols, title and date in ``<preface>``, the
enacting formula and recitals in ``<preamble>``, the operative paragraphs in
``<mainBody>`` (sub-items as ``<point>``\\ s), body mentions marked ``<organization>``,
document symbols ``<ref>`` and full-date deadlines ``<date>``.  Every mandate, with its
partial-date deadlines, is written to ``<analysis><otherAnalysis>`` in wtotext's own
namespace, so :func:`from_akn` gives the mandates back.

>>> import wtotext
>>> d = wtotext.parse_file("corpus/ecom-2009.txt")
>>> xml = wtotext.to_akn(d)
>>> '<statement name="decision">' in xml
True
>>> [(m.body.name, m.verb, m.deadlines) for m in from_akn(xml)] == [
...     (m.body.name, m.verb, m.deadlines) for m in d.mandates()]
True
"""

from __future__ import annotations

import re

from lxml import etree

from wtotext.lexicon import SYMBOL
from wtotext.nodes import Actor, Deadline, Decision, Mandate, Modality, OperativeParagraph, Span

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
WT = "https://wtotext.org/ns/analysis/1"
_A = f"{{{AKN}}}"
_W = f"{{{WT}}}"
_SYMBOL = re.compile(SYMBOL)


def to_akn(decision: Decision) -> str:
    """The decision as an Akoma Ntoso 3.0 XML document (a string)."""
    root = etree.Element(_A + "akomaNtoso", nsmap={None: AKN, "wtotext": WT})
    statement = etree.SubElement(root, _A + "statement", name=decision.kind)
    bodies = _bodies(decision)
    _meta(statement, decision, bodies)
    _preface(statement, decision)
    _preamble(statement, decision, bodies)
    main = etree.SubElement(statement, _A + "mainBody")
    for number, paragraph in enumerate(decision.operative, start=1):
        _paragraph(main, paragraph, f"para_{number}", bodies, "paragraph")
    if not decision.operative:
        etree.SubElement(etree.SubElement(main, _A + "paragraph", eId="para_1"), _A + "content").append(
            etree.Element(_A + "p")
        )
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


def from_akn(xml: str | bytes) -> list[Mandate]:
    """The mandates recorded in an export's analysis, in document order."""
    root = etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    out = []
    for el in root.iter(_W + "mandate"):
        limits = tuple(
            Deadline(t.get("text", ""), t.get("date") or None, _span(t.get("span"))) for t in el.iter(_W + "timeLimit")
        )
        via = el.find(_W + "via")
        out.append(
            Mandate(
                body=Actor(
                    el.get("body", ""), el.get("surface", ""), el.get("known") == "true", _opt_span(el.get("bodySpan"))
                ),
                verb=el.get("verb", ""),
                modality=Modality(el.get("modality", "obligation")),
                action=el.findtext(_W + "action") or "",
                span=_span(el.get("span")),
                via=Actor(
                    via.get("name", ""), via.get("surface", ""), via.get("known") == "true", _opt_span(via.get("span"))
                )
                if via is not None
                else None,
                time_limits=limits,
            )
        )
    return out


# ----------------------------------------------------------------------------- parts


def _eid(name: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", name)
    return "org_" + "".join(w[:1].upper() + w[1:] for w in words) if words else "org_unknown"


def _bodies(decision: Decision) -> dict[str, str]:
    """Canonical name -> TLCOrganization eId, for every body the decision names."""
    names: dict[str, str] = {}
    if decision.issuer:
        names[decision.issuer] = _eid(decision.issuer)
    for m in decision.all_mandates():
        names.setdefault(m.body.name, _eid(m.body.name))
        if m.via is not None:
            names.setdefault(m.via.name, _eid(m.via.name))
    return names


def _frbr(parent: etree._Element, level: str, uri: str, date: str, author: str, extra: dict[str, str]) -> None:
    el = etree.SubElement(parent, _A + level)
    suffix = {"FRBRWork": "", "FRBRExpression": "/eng@", "FRBRManifestation": "/eng@/!main.xml"}[level]
    etree.SubElement(el, _A + "FRBRthis", value=uri + suffix + ("/!main" if level == "FRBRWork" else ""))
    etree.SubElement(el, _A + "FRBRuri", value=uri + suffix)
    etree.SubElement(el, _A + "FRBRdate", date=date, name="adoption" if level == "FRBRWork" else "generation")
    etree.SubElement(el, _A + "FRBRauthor", href=author)
    for tag, value in extra.items():
        etree.SubElement(el, _A + tag, value=value)


def _full_date(date: str | None) -> str:
    """An ``xsd:date``: a partial date stands for the start of its period."""
    if not date:
        return "1995-01-01"
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


def _meta(statement: etree._Element, d: Decision, bodies: dict[str, str]) -> None:
    meta = etree.SubElement(statement, _A + "meta")
    ident = etree.SubElement(meta, _A + "identification", source="#wtotext")
    symbol = d.symbols[0] if d.symbols else "unnumbered"
    uri = f"/akn/un/statement/{d.kind}/wto/{_full_date(d.date)}/{re.sub(r'[^A-Za-z0-9().-]', '-', symbol)}"
    author = f"#{bodies[d.issuer]}" if d.issuer else "#wtotext"
    _frbr(ident, "FRBRWork", uri, _full_date(d.date), author, {"FRBRcountry": "un"})
    _frbr(ident, "FRBRExpression", uri, _full_date(d.date), author, {"FRBRlanguage": "eng"})
    _frbr(ident, "FRBRManifestation", uri, _full_date(d.date), "#wtotext", {})
    # FRBRlanguage takes a language attribute, not a value
    for lang in ident.iter(_A + "FRBRlanguage"):
        lang.attrib.pop("value")
        lang.set("language", "eng")
    analysis = etree.SubElement(meta, _A + "analysis", source="#wtotext")
    other = etree.SubElement(analysis, _A + "otherAnalysis", source="#wtotext")
    record = etree.SubElement(other, _W + "decision", kind=d.kind, issuer=d.issuer or "", date=d.date or "")
    for number, paragraph in enumerate(d.operative, start=1):
        for m in paragraph.all_mandates():
            _mandate(record, m, number)
    refs = etree.SubElement(meta, _A + "references", source="#wtotext")
    etree.SubElement(
        refs, _A + "TLCOrganization", eId="wtotext", href="/ontology/organization/wtotext", showAs="wtotext"
    )
    for name, eid in bodies.items():
        slug = eid.removeprefix("org_")
        etree.SubElement(refs, _A + "TLCOrganization", eId=eid, href=f"/ontology/organization/wto/{slug}", showAs=name)


def _mandate(parent: etree._Element, m: Mandate, paragraph: int) -> None:
    el = etree.SubElement(
        parent,
        _W + "mandate",
        paragraph=str(paragraph),
        body=m.body.name,
        surface=m.body.surface,
        known="true" if m.body.known else "false",
        verb=m.verb,
        modality=m.modality.value,
        span=f"{m.span.start} {m.span.end}",
    )
    if m.body.span is not None:
        el.set("bodySpan", f"{m.body.span.start} {m.body.span.end}")
    etree.SubElement(el, _W + "action").text = m.action
    if m.via is not None:
        via = etree.SubElement(el, _W + "via", name=m.via.name, surface=m.via.surface)
        via.set("known", "true" if m.via.known else "false")
        if m.via.span is not None:
            via.set("span", f"{m.via.span.start} {m.via.span.end}")
    for t in m.time_limits:
        etree.SubElement(el, _W + "timeLimit", text=t.text, date=t.date or "", span=f"{t.span.start} {t.span.end}")


def _preface(statement: etree._Element, d: Decision) -> None:
    preface = etree.SubElement(statement, _A + "preface")
    for symbol in d.symbols:
        line = etree.SubElement(preface, _A + "p", attrib={"class": "symbol"})
        etree.SubElement(line, _A + "docNumber").text = symbol
    if d.title:
        etree.SubElement(etree.SubElement(preface, _A + "p"), _A + "docTitle").text = d.title
    if d.date:
        date = etree.SubElement(etree.SubElement(preface, _A + "p"), _A + "docDate", date=_full_date(d.date))
        date.text = d.date
    if len(preface) == 0:
        etree.SubElement(preface, _A + "p")


def _preamble(statement: etree._Element, d: Decision, bodies: dict[str, str]) -> None:
    if not d.enacting_formula and not d.preamble:
        return
    preamble = etree.SubElement(statement, _A + "preamble")
    if d.enacting_formula:
        formula = etree.SubElement(preamble, _A + "formula", name="enactingFormula")
        _marked(etree.SubElement(formula, _A + "p"), d.enacting_formula, bodies)
    if d.preamble:
        recitals = etree.SubElement(preamble, _A + "recitals", eId="recitals")
        for i, recital in enumerate(d.preamble, start=1):
            el = etree.SubElement(recitals, _A + "recital", eId=f"recitals__recital_{i}")
            _marked(etree.SubElement(el, _A + "p"), recital.text, bodies)


def _paragraph(parent: etree._Element, p: OperativeParagraph, eid: str, bodies: dict[str, str], tag: str) -> None:
    el = etree.SubElement(parent, _A + tag, eId=eid)
    etree.SubElement(el, _A + "num").text = _num(p.number, tag)
    if p.heading:
        etree.SubElement(el, _A + "heading").text = p.heading
    own = _own_text(p)
    if p.subitems:
        _marked(etree.SubElement(etree.SubElement(el, _A + "intro"), _A + "p"), own, bodies, p)
        for i, sub in enumerate(p.subitems, start=1):
            _paragraph(el, sub, f"{eid}__point_{sub.number or i}", bodies, "point")
    else:
        _marked(etree.SubElement(etree.SubElement(el, _A + "content"), _A + "p"), own, bodies, p)


def _num(number: str | None, tag: str) -> str:
    if number is None:
        return ""
    return f"({number})" if tag == "point" and not number[:1].isdigit() else f"{number}."


def _own_text(p: OperativeParagraph) -> str:
    """The paragraph's text before its first sub-item."""
    if not p.subitems:
        return p.text
    first = p.subitems[0]
    marker = f"({first.number})" if first.number else "-"
    cut = p.text.find(marker)
    return p.text[:cut].rstrip() if cut > 0 else p.text


def _marked(el: etree._Element, text: str, bodies: dict[str, str], paragraph: OperativeParagraph | None = None) -> None:
    """Write ``text`` into ``el``, marking body mentions, symbols and full-date deadlines."""
    found: list[tuple[int, int, str, dict[str, str]]] = []
    if paragraph is not None:
        for m in paragraph.mandates:
            at = text.find(m.body.surface)
            if at >= 0 and m.body.name in bodies:
                found.append((at, at + len(m.body.surface), "organization", {"refersTo": f"#{bodies[m.body.name]}"}))
            for t in m.time_limits:
                at = text.find(t.text)
                if at >= 0 and t.date and len(t.date) == 10:
                    found.append((at, at + len(t.text), "date", {"date": t.date}))
    for match in _SYMBOL.finditer(text):
        found.append((match.start(), match.end(), "ref", {"href": f"/akn/un/doc/wto/{match.group(0)}"}))
    found.sort()
    pos = 0
    last: etree._Element | None = None
    el.text = ""
    for start, end, tag, attrs in found:
        if start < pos:
            continue  # overlapping marks: keep the first
        chunk = text[pos:start]
        if last is None:
            el.text = chunk
        else:
            last.tail = chunk
        last = etree.SubElement(el, _A + tag, attrib=attrs)
        last.text = text[start:end]
        pos = end
    if last is None:
        el.text = text
    else:
        last.tail = text[pos:]


def _span(value: str | None) -> Span:
    start, end = (int(x) for x in (value or "0 0").split())
    return Span(start, end)


def _opt_span(value: str | None) -> Span | None:
    return _span(value) if value else None
