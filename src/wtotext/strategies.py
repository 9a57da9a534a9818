"""Hypothesis strategies for WTO decisions: typed trees, their texts, and the noise of dumps.

Property-test your own code on realistic decisions without writing any::

    from hypothesis import given
    from wtotext import parse
    from wtotext.render import comparable
    from wtotext.strategies import decision_texts

    @given(decision_texts(surface="pdf-extract"))
    def test_my_exporter_keeps_every_mandate(pair):
        text, expected = pair
        assert len(my_exporter(parse(text))) == len(expected.mandates())

The trees are built the way a drafter writes: each operative sentence comes from a
template of the genre (``{Actor} shall {verb} {object} by {day} {Month} {year}.``,
``To instruct {Actor} to {verb} ... particularly through {Actor} to {verb} ...``,
``We agree to ...``, a ``must:`` whose sub-items complete it, passives with and
without an agent, statements that assign nothing), and the mandates it carries are
written down *alongside* the text, never read back from it: the tree a strategy gives
is an oracle for :func:`wtotext.parse`.  Actors come from the body registry (names,
aliases, classes of Members, and bodies it does not know), openers, modals and
directives from the lexicon, so a body or opener a user adds is generated too.

Spans in a generated tree point into :func:`wtotext.render` of it (which is also its
``text``).  Needs Hypothesis: ``pip install 'wtotext[strategies]'``.

>>> from hypothesis import find
>>> d = find(decisions(), lambda d: len(d.mandates()) >= 2)
>>> len(d.mandates()) >= 2
True
"""

from __future__ import annotations

import calendar
import datetime
import re
import textwrap
from collections.abc import Callable, Sequence

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import DrawFn, SearchStrategy
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "wtotext.strategies needs Hypothesis; install it with: pip install 'wtotext[strategies]'"
    ) from err

from wtotext.bodies import registry
from wtotext.lexicon import MONTHS, SYMBOL, lexicon, third_person
from wtotext.nodes import (
    Actor,
    Deadline,
    Decision,
    Mandate,
    Modality,
    OperativeParagraph,
    Recital,
    Reference,
    Span,
)
from wtotext.render import render

__all__ = [
    "actors",
    "decision_texts",
    "decisions",
    "mandates",
    "noise",
    "operative_paragraphs",
    "recitals",
]

# --------------------------------------------------------------------------- vocabulary
# The words a drafter fills the templates with.  Verbs are paired with objects that
# suit them; no object holds a verb after "and" or "to", a relative clause, a modal or a
# date, so that the mandates of a sentence are exactly the ones its template says.

_VERB_OBJECTS: dict[str, tuple[str, ...]] = {
    "examine": ("the matter", "the trade-related aspects of electronic commerce", "the operation of this waiver"),
    "review": ("the operation of this Decision", "the progress made", "the disciplines contained in this Decision"),
    "notify": ("their schemes", "the implementation of their commitments"),
    "consider": ("each request promptly", "the reports of the relevant bodies", "possible measures"),
    "prepare": ("a note on market access", "a factual report"),
    "hold": ("periodic reviews", "consultations with other Members", "a dedicated discussion"),
    "circulate": ("an updated list of the notifications", "the information received"),
    "monitor": ("the information submitted under this Decision", "the implementation of this Decision"),
    "establish": ("a work programme", "a comprehensive programme of work"),
    "adopt": ("the Protocol annexed to this Decision", "the guidelines set out in the Annex"),
    "maintain": ("the current practice of not imposing customs duties on electronic transmissions",),
    "submit": ("a request to the Council for Trade in Services", "a report on its work"),
    "provide": ("relevant information and factual analysis", "technical assistance"),
    "report": ("to the General Council", "on its progress", "to the next session of the Ministerial Conference"),
    "reinvigorate": ("the work under the Work Programme", "its work"),
    "eliminate": ("their remaining export subsidy entitlements", "the scheduled entitlements"),
    "intensify": ("discussions on the moratorium", "its work"),
    "explore": ("suitable mechanisms", "the relationship between trade and development"),
    "conclude": ("the negotiations", "its examination of the question"),
    "publish": ("a summary of the discussions",),
}
# Objects with a document symbol in them: "{ref}" is replaced by a drawn symbol.
_REF_OBJECTS: dict[str, tuple[str, ...]] = {
    "examine": ("the proposals in document {ref}",),
    "review": ("the mandate set out in {ref}",),
    "consider": ("the recommendations in {ref}",),
}
# Two verbs sharing one object: one mandate, under the first verb (GOLD.md rule 5).
_SHARED = (("examine", "report on"), ("review", "assess"), ("consider", "examine"))
# Catenatives after a modal ("shall continue to examine"): the mandate's verb is the next one.
_CATENATIVES = ("continue", "endeavour", "seek", "strive")
# The issuer's own conduct after a parenthetical or after a statement (no conduct itself).
_OWN_CONDUCT_AFTER = (
    "We, therefore, agree to",
    "We take note of the report and agree to",
    "We note its progress and commit to",
)
# Directives that take their conduct as "with" and a gerund ("task the CTD with examining ...").
_WITH_GERUND = ("charge", "entrust", "task")
# The verbs of _VERB_OBJECTS whose gerund is not the base form with "ing" (a final "e" dropped).
_GERUNDS = {"submit": "submitting"}
# Passive participles of directives ("is requested to") and of conduct ("be reviewed by").
_DIRECTIVE_PARTICIPLES = {
    "requested": "request",
    "invited": "invite",
    "encouraged": "encourage",
    "urged": "urge",
    "instructed": "instruct",
    "directed": "direct",
    "asked": "ask",
}
_AGENT_PARTICIPLES = {"reviewed": "review", "examined": "examine", "considered": "consider", "monitored": "monitor"}
_PASSIVE_SUBJECTS = ("This Decision", "The operation of this waiver", "Each request")
# Sentences that assign no conduct (statements, agentless passives).
_STATEMENTS = (
    "We take note of the report of the General Council.",
    "We recall the mandate of the Work Programme on Electronic Commerce.",
    "This Decision is without prejudice to the rights and obligations of Members.",
    "The waiver shall be extended.",
    # a catenative in the past reports (rule 7)
    "Members agreed to maintain the current practice.",
    "The Committee on Agriculture continued to examine the notifications.",
    # a passive directive in the past reports a request (rule 7)
    "Members were invited to submit their proposals.",
    # the instrument's own term: no deadline of the conduct before it
    "This Decision shall expire on 31 December 2040.",
)
# (None: only in a paragraph that ends with a full stop)
_STATEMENT_OPENS_PARAGRAPH = (True, True, False, None, True, True, True, None)
# What a body's list of tasks is called: "shall have the following functions:".
_TASK_LISTS = ("functions", "terms of reference", "tasks")
# Lead-ins of a list whose items assign nothing, and those items.
_LIST_LEAD_INS = ("The issues to be examined shall include:",)
_LIST_ITEMS = (
    "coverage and modes of supply",
    "transparency",
    "customs duties",
    "questions of classification",
    "the protection of trademarks",
    "the sectors and modes of supply concerned",
    "the views expressed by least-developed country Members",
)
_RECITAL_BODIES = (
    "paragraph 1 of Article IX of the Marrakesh Agreement Establishing the World Trade Organization",
    "the reports of the relevant bodies",
    "the outcome of the negotiations held since the last session",
    "the particular needs of least-developed country Members",
    "the exceptional circumstances of the pandemic",
    "the request for a waiver submitted by the participating Members ({ref})",
    "the Work Programme on Electronic Commerce ({ref})",
)
_TITLES = (
    "WORK PROGRAMME ON ELECTRONIC COMMERCE",
    "Work Programme on Small Economies",
    "PUBLIC STOCKHOLDING FOR FOOD SECURITY PURPOSES",
    "Export Competition",
    "AGREEMENT ON TRADE FACILITATION",
    "TRIPS NON-VIOLATION AND SITUATION COMPLAINTS",
    "Duty-Free and Quota-Free Market Access for Least-Developed Countries",
)
_DECLARATION_TITLES = ("DECLARATION ON GLOBAL ELECTRONIC COMMERCE", "Ministerial Declaration on Trade and Environment")
# Phrases before an operative sentence's subject (no dates: they would be deadlines).
_INTRODUCTIONS = (
    "In accordance with Article IX",
    "Pursuant to paragraph 2",
    "With respect to export credits",
    "For the purposes of this Decision",
    "Subject to the conditions set out above",
)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
_HEADINGS = ("Export Subsidies", "Notification and transparency", "Consultations", "Monitoring", "Review")
# Numbered section titles are written in title case (a numbered line in sentence case is a paragraph).
_SECTION_TITLES = (
    "Agreement on Agriculture",
    "General Agreement on Tariffs and Trade 1994 (GATT 1994)",
    "Final Provisions",
)
_UNKNOWN_NAMES = ("Rules of Origin", "Government Procurement", "Import Licensing", "Trade in Civil Aircraft")
_STATE_NAMES = ("Liberia", "Seychelles", "Tonga", "Ruritania")
_SERIES = ("WT/L/{n}", "WT/MIN({yy})/{n}", "WT/GC/{n}", "G/AG/{n}", "IP/C/{n}", "TN/S/{n}")

# Web-page furniture around a scraped decision (before, after).
_WEB_HEAD = (
    "Skip to main content",
    "Home | About WTO | News and events | Trade topics | Documents, data and resources",
    "You are here: home > documents > ministerial decisions",
    "Print this page   |   Email this page   |   Share",
)
_WEB_TAIL = (
    "Related documents",
    "Back to top",
    "Contact us | Site map | A-Z | Search",
    "\u00a9 World Trade Organization | Privacy | Disclaimer",
)
# A list marker, a numbered-paragraph start or a bullet: never put one at the start of a wrapped line.
_LINE_START_MARKER = re.compile(
    r"(?:\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+|\([a-z]{1,4}\)|\(\d{1,3}\)|[a-z]\)|[-\u2022\u2013*])$"
)
_GLUE = "\x00"  # stands for a space that a wrap must not break


# --------------------------------------------------------------------------- sentences


@attrs.frozen
class _Planned:
    """A mandate of a sentence: offsets are relative to the sentence's text."""

    body: Actor
    verb: str
    modality: Modality
    start: int
    action: tuple[int, int]
    via: Actor | None = None
    limits: tuple[tuple[str, str | None, int, int], ...] = ()


@attrs.frozen
class _Sentence:
    """Text of one sentence (or sub-item) and what it must parse to."""

    text: str
    planned: tuple[_Planned, ...] = ()
    refs: tuple[tuple[str, int, int], ...] = ()
    opens_paragraph: bool = True  # may open an unnumbered paragraph (grammar: TO_PARA, OP_PROSE)
    # opening one, the paragraph must end with a full stop, not the seed's comma (a subject
    # that is no actor, then a modal: "This Decision shall be reviewed by ...")
    full_stop: bool = False

    def shifted(self, by: int) -> _Sentence:
        planned = tuple(_shift_planned(p, by) for p in self.planned)
        refs = tuple((s, a + by, b + by) for s, a, b in self.refs)
        return attrs.evolve(self, planned=planned, refs=refs)


def _shift_actor(actor: Actor | None, by: int) -> Actor | None:
    if actor is None or actor.span is None:
        return actor
    return attrs.evolve(actor, span=Span(actor.span.start + by, actor.span.end + by))


def _shift_planned(p: _Planned, by: int) -> _Planned:
    body = _shift_actor(p.body, by)
    assert body is not None
    return attrs.evolve(
        p,
        body=body,
        start=p.start + by,
        action=(p.action[0] + by, p.action[1] + by),
        via=_shift_actor(p.via, by),
        limits=tuple((t, iso, a + by, b + by) for t, iso, a, b in p.limits),
    )


class _Writer:
    """Appends text and remembers where each piece went."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)


@attrs.frozen
class _Context:
    """What a sentence needs to know about its decision."""

    issuer: str
    date: str | None


@attrs.frozen
class _Phrase:
    """An actor phrase as a sentence writes it."""

    actor: Actor
    plural: bool


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- actors


def _phrases(include_unknown: bool) -> list[_Phrase]:
    """Every way the registry lets a sentence name an actor, with its determiner."""
    reg = registry()
    out: list[_Phrase] = []
    for surface in reg.surfaces():
        name = reg.resolve(surface)
        if name is None:
            continue
        plural = surface.endswith(("Members", "countries", "LDCs", "Ministers", "bodies"))
        if surface == "Member":
            written = "each Member"
        elif plural:
            written = surface
        else:
            written = f"the {surface}"
        out.append(_Phrase(Actor(name, written, True), plural))
    members = reg.resolve("Members") or "Members"
    for modifier in reg.member_modifiers:
        out.append(_Phrase(Actor(members, f"{modifier} Members", True), True))
    # Members by name ("Cuba", "the European Union"): every few of the list
    for name in reg.member_names[::12]:
        out.append(_Phrase(Actor(name, name, True), False))
    out.append(_Phrase(Actor("European Union", "the European Union", True), False))
    if include_unknown:
        heads = [h for h in reg.unknown_heads if " " not in h and "-" not in h][:4] or ["Committee"]
        for head in heads:
            for name in _UNKNOWN_NAMES:
                full = f"{head} on {name}"
                if reg.resolve(full) is None:
                    out.append(_Phrase(Actor(full, f"the {full}", False), False))
        for state in reg.states[:2]:
            for name in _STATE_NAMES:
                full = f"{state} of {name}"
                out.append(_Phrase(Actor(full, f"the {full}", False), False))
    return out


def _phrase_strategy(include_unknown: bool = True, exclude: Sequence[str] = ()) -> SearchStrategy[_Phrase]:
    choices = [p for p in _phrases(include_unknown) if p.actor.name not in exclude]
    return st.sampled_from(choices)


def actors(*, known: bool | None = None) -> SearchStrategy[Actor]:
    """Actors as a sentence names them: a registry name or alias with its determiner
    (``the CTD``), a class of Members (``developing country Members``), or, unless
    ``known=True``, a body the registry does not know (``the Committee on Rules of Origin``).

    The actor's ``span`` is ``None``: it is not placed in any text.

    >>> from hypothesis import find
    >>> find(actors(known=False), lambda a: True).known
    False
    """
    phrases = _phrases(include_unknown=known is not True)
    if known is not None:
        phrases = [p for p in phrases if p.actor.known is known]
    return st.sampled_from([p.actor for p in phrases])


# --------------------------------------------------------------------------- deadlines


def _add_period(iso: str, amount: int, unit: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    if unit.startswith(("week", "day")):
        days = amount * (7 if unit.startswith("week") else 1)
        return (datetime.date(year, month, day) + datetime.timedelta(days=days)).isoformat()
    total = year * 12 + month - 1 + (amount * 12 if unit.startswith("year") else amount)
    year, month = divmod(total, 12)
    month += 1
    return f"{year:04d}-{month:02d}-{min(day, calendar.monthrange(year, month)[1]):02d}"


_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "six": 6, "twelve": 12}


@st.composite
def _deadline(draw: DrawFn, ctx: _Context) -> tuple[str, list[tuple[str, str | None, int, int]]]:
    """A deadline phrase (``by 31 July 2030``) and its time limits, offsets relative to the phrase."""
    year = draw(st.integers(1995, 2040))
    kinds = ["day", "period", "months", "year"]
    if ctx.date is not None and len(ctx.date) == 10:
        kinds += ["relative", "anchored"]
    kind = draw(st.sampled_from(kinds))
    if kind == "day":
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, 28))
        prep = draw(st.sampled_from(("by", "no later than", "not later than", "until", "before")))
        name = MONTHS[month - 1]
        if month != 5 and draw(st.integers(0, 3)) == 0:  # "31 Dec. 2025", "30 Sept 2026"
            name = ("Sept" if month == 9 else name[:3]) + draw(st.sampled_from((".", "")))
        date = f"{day} {name} {year}"
        return f"{prep} {date}", [(date, f"{year:04d}-{month:02d}-{day:02d}", len(prep) + 1, len(prep) + 1 + len(date))]
    if kind == "period":
        prep = draw(st.sampled_from(("by", "until")))
        # the end of a year, or of a part of it: "the end of 2030", "end-2030", "the end of the first quarter of 2030"
        date, last = draw(
            st.sampled_from(
                (
                    ("the end of {}", "12-31"),
                    ("end-{}", "12-31"),
                    ("end of {}", "12-31"),
                    ("the end of the first quarter of {}", "03-31"),
                    ("the end of the first half of {}", "06-30"),
                    ("the end of September {}", "09-30"),
                )
            )
        )
        date = date.format(year)
        return f"{prep} {date}", [(date, f"{year}-{last}", len(prep) + 1, len(prep) + 1 + len(date))]
    if kind == "months":
        months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True).map(sorted))
        names = [MONTHS[m - 1] for m in months]
        written = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        date = f"{written} {year}"
        prep = "in its sessions of"
        at = len(prep) + 1
        return f"{prep} {date}", [(date, f"{year:04d}-{m:02d}", at, at + len(date)) for m in months]
    if kind == "year":
        prep = draw(st.sampled_from(("in", "until", "by")))
        return f"{prep} {year}", [(str(year), str(year), len(prep) + 1, len(prep) + 1 + 4)]
    assert ctx.date is not None
    if kind == "anchored":
        date = "as of the date of adoption of this Decision"
        return date, [(date, ctx.date, 0, len(date))]
    word = draw(st.sampled_from(sorted(_WORD_NUMBERS)))
    amount = _WORD_NUMBERS[word]
    unit = draw(st.sampled_from(("years", "months")))
    if amount == 1:
        unit = unit[:-1]
    prep = draw(st.sampled_from(("not later than", "until")))
    date = f"{word} {unit} from the date of this Decision"
    at = len(prep) + 1
    return f"{prep} {date}", [(date, _add_period(ctx.date, amount, unit), at, at + len(date))]


def _symbol(draw: DrawFn) -> str:
    series = draw(st.sampled_from(_SERIES))
    return series.format(n=draw(st.integers(1, 1200)), yy=f"{draw(st.integers(0, 40)):02d}")


# --------------------------------------------------------------------------- verb phrases


def _gerund(verb: str) -> str:
    return _GERUNDS.get(verb) or (verb[:-1] if verb.endswith("e") else verb) + "ing"


@st.composite
def _verb_phrase(
    draw: DrawFn, w: _Writer, ctx: _Context, *, deadline: bool = True, gerund: bool = False
) -> tuple[str, tuple[int, int], list[tuple[str, str | None, int, int]], list[tuple[str, int, int]]]:
    """Write ``verb object [deadline]`` (a gerund if asked): (verb, action offsets, time limits, references)."""
    refs: list[tuple[str, int, int]] = []
    verb = draw(st.sampled_from(sorted(_VERB_OBJECTS)))
    objects = _VERB_OBJECTS[verb] + _REF_OBJECTS.get(verb, ())
    obj = draw(st.sampled_from(objects))
    start = len(w.text)
    w.add(f"{_gerund(verb) if gerund else verb} ")
    if "{ref}" in obj:
        head, tail = obj.split("{ref}")
        symbol = _symbol(draw)
        w.add(head)
        refs.append((symbol, *w.add(symbol)))
        w.add(tail)
    else:
        w.add(obj)
    limits: list[tuple[str, str | None, int, int]] = []
    if deadline and draw(st.booleans()):
        phrase, found = draw(_deadline(ctx))
        at = w.add(" ")[1]
        w.add(phrase)
        limits = [(t, iso, at + a, at + b) for t, iso, a, b in found]
    return verb, (start, len(w.text)), limits, refs


def _actor_at(phrase: _Phrase, span: tuple[int, int], written: str) -> Actor:
    return attrs.evolve(phrase.actor, surface=written, span=Span(*span))


# --------------------------------------------------------------------------- sentence templates


@st.composite
def _modal_sentence(draw: DrawFn, ctx: _Context) -> _Sentence:
    """``{Actor} shall {verb} {object} [deadline] [and {verb} {object}].`` and its variants."""
    subject = draw(_phrase_strategy())
    modals = sorted(m for m in lexicon().modals if m not in ("is to", "are to"))
    modal = draw(st.sampled_from([*modals, "are to" if subject.plural else "is to"]))
    modality = Modality(lexicon().modals[modal])
    negated = modality is Modality.PROHIBITION or modal == "need not"
    w = _Writer()
    intro = draw(st.sampled_from(("", "", "", *_INTRODUCTIONS)))
    if intro:  # "In accordance with Article IX, the Council for Trade in Goods shall ..."
        w.add(f"{intro}, ")
    written = subject.actor.surface if intro else _capital(subject.actor.surface)
    body = _actor_at(subject, w.add(written), written)
    w.add(f" {modal} ")
    planned: list[_Planned] = []
    refs: list[tuple[str, int, int]] = []
    shape = draw(st.sampled_from(("one", "catenative", "shared", "coordinated", "responsible")))
    if negated:
        shape = "one"
    gerund = shape == "responsible" or (shape == "catenative" and draw(st.booleans()))
    if shape == "responsible":  # "shall be responsible for examining ...", "shall be tasked with ..."
        w.add(f"be {draw(st.sampled_from(sorted(lexicon().words['responsibilities'])))} ")
    elif gerund:  # "shall continue examining ... and reporting ..."
        w.add("continue ")
    elif shape == "catenative":
        # a parenthetical may part the catenative from its verb ("endeavour, to the extent possible, to")
        aside = draw(st.sampled_from(("", ", to the extent possible,", ", where appropriate,")))
        w.add(f"{draw(st.sampled_from(_CATENATIVES))}{aside} to ")
    if shape == "shared":
        first, second = draw(st.sampled_from(_SHARED))
        start = w.add(f"{first} and {second} ")[0]
        w.add(draw(st.sampled_from(_VERB_OBJECTS["examine"])))
        planned.append(_Planned(body, first, modality, 0, (start, len(w.text))))
    else:
        verb, action, limits, found = draw(_verb_phrase(w, ctx, gerund=gerund))
        refs += found
        planned.append(_Planned(body, verb, modality, 0, action, limits=tuple(limits)))
        if shape == "coordinated" or (gerund and draw(st.booleans())):
            w.add(" and ")
            verb, action, limits, found = draw(_verb_phrase(w, ctx, gerund=gerund))
            refs += found
            planned.append(_Planned(body, verb, modality, 0, action, limits=tuple(limits)))
    if draw(st.integers(0, 3)) == 0:  # "... and are encouraged to ...", "..., and the CTD is invited to ..."
        participle = draw(st.sampled_from(sorted(_DIRECTIVE_PARTICIPLES)))
        force = Modality(lexicon().directives.get(_DIRECTIVE_PARTICIPLES[participle], "obligation"))
        if draw(st.booleans()):
            w.add(" and ")
            other, start, plural = body, planned[0].start, subject.plural
        else:
            w.add(", and ")
            phrase = draw(_phrase_strategy())
            other = _actor_at(phrase, w.add(phrase.actor.surface), phrase.actor.surface)
            start, plural = other.span.start if other.span else 0, phrase.plural
            w.add(" ")
        w.add(f"{'are' if plural else 'is'} {participle} to ")
        verb, action, limits, found = draw(_verb_phrase(w, ctx))
        refs += found
        planned.append(_Planned(other, verb, force, start, action, limits=tuple(limits)))
    w.add(".")
    return _Sentence(w.text, tuple(planned), tuple(refs))


@st.composite
def _directive_sentence(draw: DrawFn, ctx: _Context) -> _Sentence:
    """``To instruct {Actor} to {verb}``, ``We urge {Actor} to``, ``Requests {Actor} to``; routed, listed, or two."""
    directives = sorted(lexicon().directives)
    directive = draw(st.sampled_from(directives))
    modality = Modality(lexicon().directives[directive])
    addressee = draw(_phrase_strategy(exclude=(ctx.issuer,)))
    w = _Writer()
    # "": the issuer's verb, its subject left out; or the issuer states something first,
    # in its own name too ("Ministers note the report and instruct ...")
    openings = ["To ", "We ", "", "We take note of the report and "]
    if ctx.issuer == "Ministerial Conference":
        openings.append("Ministers note the report and ")
    opening = draw(st.sampled_from(openings))
    w.add(opening)
    written = directive if opening else third_person(directive).capitalize()
    w.add(f"{written} upon " if directive == "call" else f"{written} ")
    body = _actor_at(addressee, w.add(addressee.actor.surface), addressee.actor.surface)
    gerund = directive in _WITH_GERUND and draw(st.booleans())
    planned: list[_Planned] = []
    refs: list[tuple[str, int, int]] = []
    if not gerund and draw(st.integers(0, 5)) == 0:
        # routed right after the addressee ("instruct X, in particular through Y, to V"): Y's task, via X
        routed = draw(_phrase_strategy(exclude=(ctx.issuer, addressee.actor.name)))
        commas = draw(st.booleans())
        w.add(", in particular through " if commas else " particularly through ")
        through = _actor_at(routed, w.add(routed.actor.surface), routed.actor.surface)
        w.add(", to " if commas else " to ")
        verb, action, limits, found = draw(_verb_phrase(w, ctx))
        start = through.span.start if through.span else 0
        w.add(".")
        return _Sentence(
            w.text, (_Planned(through, verb, modality, start, action, via=body, limits=tuple(limits)),), tuple(found)
        )
    w.add(" with " if gerund else " to ")  # "task the CTD with examining ... and reporting ..."
    verb, action, limits, found = draw(_verb_phrase(w, ctx, gerund=gerund))
    refs += found
    planned.append(_Planned(body, verb, modality, body.span.start if body.span else 0, action, limits=tuple(limits)))
    shapes = ("one", "and to", "routed") if opening == "To " else ("one", "and to", "routed", "second")
    shape = draw(st.sampled_from(("one", "and", "list") if gerund else shapes))
    if shape in ("and", "list"):  # "with examining X and reporting Y", "with examining X, reviewing Y, and reporting Z"
        for joint in (", ", ", and ") if shape == "list" else (" and ",):
            w.add(joint)
            verb, action, limits, found = draw(_verb_phrase(w, ctx, gerund=True))
            refs += found
            planned.append(_Planned(body, verb, modality, planned[0].start, action, limits=tuple(limits)))
    elif shape == "and to":
        w.add(", and to ")
        verb, action, limits, found = draw(_verb_phrase(w, ctx))
        refs += found
        planned.append(_Planned(body, verb, modality, planned[0].start, action, limits=tuple(limits)))
    elif shape == "routed":
        routed = draw(_phrase_strategy(exclude=(ctx.issuer, addressee.actor.name)))
        commas = draw(st.booleans())  # "..., in particular through the CTD, to examine ..."
        w.add(", in particular through " if commas else " particularly through ")
        through = _actor_at(routed, w.add(routed.actor.surface), routed.actor.surface)
        w.add(", to " if commas else " to ")
        verb, action, limits, found = draw(_verb_phrase(w, ctx))
        refs += found
        start = through.span.start if through.span else 0
        planned.append(_Planned(through, verb, modality, start, action, via=body, limits=tuple(limits)))
    elif shape == "second":  # "We instruct X to V and invite Y to W": a second directive of the issuer's
        other = draw(st.sampled_from(directives))
        second = draw(_phrase_strategy(exclude=(ctx.issuer,)))
        written = other if opening else third_person(other)
        w.add(f" and {written} upon " if other == "call" else f" and {written} ")
        target = _actor_at(second, w.add(second.actor.surface), second.actor.surface)
        w.add(" to ")
        verb, action, limits, found = draw(_verb_phrase(w, ctx))
        refs += found
        start = target.span.start if target.span else 0
        other_modality = Modality(lexicon().directives[other])
        planned.append(_Planned(target, verb, other_modality, start, action, limits=tuple(limits)))
    w.add(".")
    return _Sentence(w.text, tuple(planned), tuple(refs))


@st.composite
def _own_conduct_sentence(draw: DrawFn, ctx: _Context) -> _Sentence:
    """``To {verb} ...``, ``We agree to {verb} ...``, ``Agrees to {verb} ...``: the issuer's own conduct.

    Also after a parenthetical (``We, therefore, agree to``) and after a statement, which
    is no conduct (``We take note of the report and agree to``).
    """
    w = _Writer()
    # "We undertake not to ...": a commitment not to act, a prohibition (and "and to V"
    # after it is a commitment to act again)
    forms = ("To", "We agree to", "We will", "Agrees to", "Decides to", "We undertake not to", *_OWN_CONDUCT_AFTER)
    form = draw(st.sampled_from(forms))
    head = form.split(" ", 1)[0].rstrip(",")
    opener = w.add(head)
    w.add(form[len(head) :] + " ")
    issuer = Actor(ctx.issuer, w.text[opener[0] : opener[1]], True, Span(*opener))
    modality = Modality.PROHIBITION if form.endswith("not to") else Modality.OBLIGATION
    planned: list[_Planned] = []
    refs: list[tuple[str, int, int]] = []
    verb, action, limits, found = draw(_verb_phrase(w, ctx))
    refs += found
    planned.append(_Planned(issuer, verb, modality, 0, action, limits=tuple(limits)))
    if form in ("To", "We undertake not to") and draw(st.booleans()):
        w.add(", and to " if form == "To" else " and to ")
        verb, action, limits, found = draw(_verb_phrase(w, ctx))
        refs += found
        planned.append(_Planned(issuer, verb, Modality.OBLIGATION, 0, action, limits=tuple(limits)))
    w.add(".")
    return _Sentence(w.text, tuple(planned), tuple(refs))


@st.composite
def _decide_that_sentence(draw: DrawFn, ctx: _Context) -> _Sentence:
    """``We decide that {Actor} will {verb} ...``."""
    subject = draw(_phrase_strategy())
    w = _Writer()
    w.add("We decide that ")
    body = _actor_at(subject, w.add(subject.actor.surface), subject.actor.surface)
    w.add(" will ")
    verb, action, limits, refs = draw(_verb_phrase(w, ctx))
    w.add(".")
    start = body.span.start if body.span else 0
    planned = _Planned(body, verb, Modality.OBLIGATION, start, action, limits=tuple(limits))
    return _Sentence(w.text, (planned,), tuple(refs))


@st.composite
def _passive_sentence(draw: DrawFn, ctx: _Context) -> _Sentence:
    """``{Actor} is requested to {verb} ...`` or ``This Decision shall be reviewed by {Actor}.``"""
    w = _Writer()
    if draw(st.booleans()):
        subject = draw(_phrase_strategy())
        participle = draw(st.sampled_from(sorted(_DIRECTIVE_PARTICIPLES)))
        directive = _DIRECTIVE_PARTICIPLES[participle]
        modality = Modality(lexicon().directives.get(directive, "obligation"))
        written = _capital(subject.actor.surface)
        body = _actor_at(subject, w.add(written), written)
        w.add(f" {'are' if subject.plural else 'is'} {participle} to ")
        verb, action, limits, refs = draw(_verb_phrase(w, ctx))
        w.add(".")
        return _Sentence(w.text, (_Planned(body, verb, modality, 0, action, limits=tuple(limits)),), tuple(refs))
    thing = draw(st.sampled_from(_PASSIVE_SUBJECTS))
    modal = draw(st.sampled_from(("shall", "will", "should", "may")))
    modality = Modality(lexicon().modals[modal])
    participle = draw(st.sampled_from(sorted(_AGENT_PARTICIPLES)))
    agent = draw(_phrase_strategy())
    w.add(f"{thing} ")
    modal_at = w.add(modal)[0]
    w.add(" be ")
    start = w.add(f"{participle} by ")[0]
    body = _actor_at(agent, w.add(agent.actor.surface), agent.actor.surface)
    w.add(".")
    planned = _Planned(body, _AGENT_PARTICIPLES[participle], modality, modal_at, (start, len(w.text) - 1))
    return _Sentence(w.text, (planned,), full_stop=True)  # "This Decision shall be reviewed by ..." may open one


@st.composite
def _statement(draw: DrawFn, ctx: _Context) -> _Sentence:
    """A sentence that assigns nothing."""
    index = draw(st.integers(0, len(_STATEMENTS) - 1))
    opens = _STATEMENT_OPENS_PARAGRAPH[index]
    return _Sentence(_STATEMENTS[index], opens_paragraph=opens is not False, full_stop=opens is None)


def _sentence(ctx: _Context) -> SearchStrategy[_Sentence]:
    return st.one_of(
        _modal_sentence(ctx),
        _directive_sentence(ctx),
        _own_conduct_sentence(ctx),
        _decide_that_sentence(ctx),
        _passive_sentence(ctx),
        _statement(ctx),
    )


def mandates() -> SearchStrategy[Mandate]:
    """Single mandates, each with the sentence that assigns it in mind: spans, the
    actor's and the deadlines' included, are offsets into that sentence.

    >>> from hypothesis import find
    >>> find(mandates(), lambda m: m.via is not None).via is not None
    True
    """
    ctx = st.builds(
        _Context,
        issuer=st.sampled_from(("Ministerial Conference", "General Council")),
        date=st.sampled_from((None, "2030", "2030-03-01")),
    )
    sentences = ctx.flatmap(_sentence).filter(lambda s: bool(s.planned))
    return sentences.flatmap(lambda s: st.sampled_from([_mandate(p, s.text, 0) for p in s.planned]))


def _mandate(p: _Planned, text: str, base: int) -> Mandate:
    """The node for a planned mandate of ``text`` (its offsets), placed at ``base``."""
    action = " ".join(text[p.action[0] : p.action[1]].split())
    p = _shift_planned(p, base)
    return Mandate(
        body=p.body,
        verb=p.verb,
        modality=p.modality,
        action=action,
        span=Span(min(p.start, p.action[0]), p.action[1]),
        via=p.via,
        time_limits=tuple(Deadline(t, iso, Span(a, b)) for t, iso, a, b in p.limits),
    )


# --------------------------------------------------------------------------- paragraphs


@attrs.frozen
class _Para:
    """An operative paragraph (or sub-item) before it is placed: its own text and its sub-items."""

    number: str | None
    own: _Sentence
    subitems: tuple[_Para, ...] = ()
    heading: str | None = None


def _marker(number: str | None) -> str:
    return "-" if number is None else f"({number})"


def _full_text(para: _Para) -> str:
    """``own (a) sub (i) subsub``: the folded text that covers the sub-items."""
    parts = [para.own.text]
    for sub in para.subitems:
        parts.append(f"{_marker(sub.number)} {_full_text(sub)}")
    return " ".join(parts)


def _join(sentences: Sequence[_Sentence]) -> _Sentence:
    text = ""
    planned: list[_Planned] = []
    refs: list[tuple[str, int, int]] = []
    for s in sentences:
        if text:
            text += " "
        moved = s.shifted(len(text))
        planned += moved.planned
        refs += moved.refs
        text += s.text
    first = sentences[0] if sentences else _Sentence("")
    return _Sentence(text, tuple(planned), tuple(refs), first.opens_paragraph, first.full_stop)


_ROMANS = ("i", "ii", "iii", "iv")


@st.composite
def _framed_items(draw: DrawFn, ctx: _Context) -> tuple[_Sentence, tuple[_Para, ...]]:
    """``{Actor} must:``, ``{Actor} shall continue to:``, ``We instruct {Actor} to:`` or
    ``{Actor} shall have the following functions:``, then ``(a) [to] {verb} ...;`` items
    that each carry a mandate for that actor."""
    subject = draw(_phrase_strategy())
    shape = draw(st.sampled_from(("modal", "modal", "continue", "directive", "functions")))
    infinitives = shape == "functions"  # "(a) to examine ..."
    if shape == "directive":
        directive = draw(
            st.sampled_from([d for d in ("instruct", "request", "invite", "urge") if d in lexicon().directives])
        )
        modality = Modality(lexicon().directives[directive])
        written = subject.actor.surface
        at = len(f"We {directive} ")
        lead = f"We {directive} {written} to:"
    else:
        modal = "shall" if shape == "continue" else draw(st.sampled_from(("shall", "must", "should", "may")))
        modality = Modality(lexicon().modals[modal])
        written, at = _capital(subject.actor.surface), 0
        lead = {
            "continue": f"{written} {modal} continue to:",
            "functions": f"{written} {modal} have the following {draw(st.sampled_from(_TASK_LISTS))}:",
        }.get(shape, f"{written} {modal}:")
    body = _actor_at(subject, (at, at + len(written)), written)
    count = draw(st.integers(2, 4))
    items: list[_Para] = []
    for k in range(count):
        w = _Writer()
        if infinitives:
            w.add("to ")
        verb, action, limits, refs = draw(_verb_phrase(w, ctx))
        w.add("." if k == count - 1 else ("; and" if k == count - 2 else ";"))
        item_body = attrs.evolve(body, span=None)
        planned = _Planned(item_body, verb, modality, 0, action, limits=tuple(limits))
        items.append(_Para(chr(ord("a") + k), _Sentence(w.text, (planned,), tuple(refs))))
    return _Sentence(lead, (), ()), tuple(items)


@st.composite
def _listed_items(draw: DrawFn, ctx: _Context) -> tuple[_Sentence, tuple[_Para, ...]]:
    """A mandate, ``The issues to be examined shall include:``, then items that assign nothing."""
    first = draw(st.one_of(_modal_sentence(ctx), _directive_sentence(ctx)))
    lead = _join([first, _Sentence(draw(st.sampled_from(_LIST_LEAD_INS)))])
    bullets = draw(st.booleans())
    picked = draw(st.lists(st.sampled_from(_LIST_ITEMS), min_size=2, max_size=5))
    items: list[_Para] = []
    for k, text in enumerate(picked):
        number = None if bullets else chr(ord("a") + k)
        nested: tuple[_Para, ...] = ()
        end = "." if k == len(picked) - 1 else ";"
        if not bullets and draw(st.integers(0, 3)) == 0:
            inner = draw(st.lists(st.sampled_from(_LIST_ITEMS), min_size=2, max_size=3))
            nested = tuple(_Para(_ROMANS[j], _Sentence(f"{x};")) for j, x in enumerate(inner))
            end = ", including:"
        items.append(_Para(number, _Sentence(f"{text}{end}"), nested))
    return lead, tuple(items)


@st.composite
def _paragraph(draw: DrawFn, ctx: _Context, *, numbered: bool, number: str | None) -> _Para:
    """One operative paragraph: one to three sentences, or a lead-in with sub-items."""
    shape = draw(st.sampled_from(("sentences", "sentences", "sentences", "framed", "listed")))
    if shape == "framed":
        lead, items = draw(_framed_items(ctx))
        return _Para(number, lead, items)
    if shape == "listed":
        lead, items = draw(_listed_items(ctx))
        if numbered or lead.opens_paragraph:
            return _Para(number, lead, items)
    first = draw(_sentence(ctx).filter(lambda s: numbered or s.opens_paragraph))
    more = draw(st.lists(_sentence(ctx), max_size=2))
    own = _join([first, *more])
    if not numbered and not own.full_stop and draw(st.integers(0, 3)) == 0:
        own = attrs.evolve(own, text=own.text[:-1] + ",")  # the seed's style: paragraphs end with a comma
    return _Para(number, own)


def operative_paragraphs(*, numbered: bool | None = None) -> SearchStrategy[OperativeParagraph]:
    """Operative paragraphs of the genre, numbered (``1.``) or not, some with sub-items.

    Spans are offsets into ``render`` of a one-paragraph decision: the paragraph's own
    text starts at 0 and sub-items follow it, one blank line apart.
    """
    styles = st.booleans() if numbered is None else st.just(numbered)
    ctx = _Context("Ministerial Conference", None)
    paras = styles.flatmap(lambda n: _paragraph(ctx, numbered=n, number="1" if n else None))
    return paras.map(lambda p: _place_paragraph(p, 0, top=True)[0])


# --------------------------------------------------------------------------- placing


def _place_paragraph(para: _Para, at: int, *, top: bool) -> tuple[OperativeParagraph, int]:
    """The node for ``para`` whose own text starts at offset ``at`` of the rendered text, and where it ends.

    The rendered layout is ``own`` then, for each sub-item, a blank line, its marker,
    a space and its own layout (render's sub-item blocks).
    """
    end = at + len(para.own.text)
    subitems: list[OperativeParagraph] = []
    for sub in para.subitems:
        start = end + 2 + len(_marker(sub.number)) + 1
        node, end = _place_paragraph(sub, start, top=False)
        subitems.append(node)
    return (
        OperativeParagraph(
            number=para.number,
            text=" ".join(_full_text(para).split()),
            span=Span(at, end),
            mandates=tuple(_mandate(p, para.own.text, at) for p in para.own.planned),
            subitems=tuple(subitems),
            references=tuple(Reference(s, Span(at + a, at + b)) for s, a, b in para.own.refs),
            heading=para.heading,
        ),
        end,
    )


def _skeleton(para: _Para) -> OperativeParagraph:
    """The paragraph with its texts and sub-items only: enough for render() to lay it out."""
    return OperativeParagraph(
        para.number,
        " ".join(_full_text(para).split()),
        Span(0, 0),
        subitems=tuple(_skeleton(s) for s in para.subitems),
        heading=para.heading,
    )


# --------------------------------------------------------------------------- recitals


@st.composite
def _recital(draw: DrawFn) -> tuple[str, str, list[tuple[str, int, int]]]:
    openers = lexicon().openers
    opener = draw(st.sampled_from(openers))
    adverb = ""
    if lexicon().opener_adverbs and draw(st.integers(0, 5)) == 0:  # "Also noting ...", "Further emphasizing ..."
        adverb = draw(st.sampled_from(lexicon().opener_adverbs))
        opener = f"{adverb} {opener[:1].lower()}{opener[1:]}"
    body = draw(st.sampled_from(_RECITAL_BODIES))
    refs: list[tuple[str, int, int]] = []
    text = f"{opener} "
    if "{ref}" in body:
        head, tail = body.split("{ref}")
        symbol = _symbol(draw)
        text += head
        refs.append((symbol, len(text), len(text) + len(symbol)))
        text += symbol + tail
    else:
        text += body
    text += draw(st.sampled_from((";", ",")))
    # the longest listed opener that starts the text is the recital's opener; failing
    # that, the adverb and the longest listed opener after it
    longest = _longest_opener(text, openers)
    if longest is None:
        rest = text[len(adverb) + 1 :]
        inner = _longest_opener(rest[:1].upper() + rest[1:], openers)
        assert inner is not None
        longest = f"{adverb} {rest[: len(inner)]}"
    return longest, text, refs


def _longest_opener(text: str, openers: tuple[str, ...]) -> str | None:
    found = [o for o in openers if text.startswith(o) and not text[len(o) : len(o) + 1].isalpha()]
    return max(found, key=len) if found else None


def recitals() -> SearchStrategy[Recital]:
    """Preambular paragraphs: an opener from the lexicon (``Having regard to``), then a
    noun phrase, sometimes citing a document by symbol.  Spans start at 0.
    """
    return _recital().map(
        lambda r: Recital(r[0], r[1], Span(0, len(r[1])), tuple(Reference(s, Span(a, b)) for s, a, b in r[2]))
    )


# --------------------------------------------------------------------------- decisions


@st.composite
def _decision(draw: DrawFn, titled: bool | None, min_paragraphs: int) -> Decision:
    issuer = draw(st.sampled_from(("Ministerial Conference", "General Council")))
    kind = draw(st.sampled_from(("decision", "decision", "declaration")))
    date = draw(
        st.one_of(
            st.none(),
            st.integers(1995, 2040).map(str),
            st.dates(datetime.date(1995, 1, 1), datetime.date(2040, 12, 31)).map(lambda d: d.isoformat()),
        )
    )
    numbered = draw(st.booleans())
    formulas = [f"The {issuer},", f"THE {issuer.upper()},"]  # formulas are also printed in capitals
    formulas.append(f"The {issuer}, meeting in Geneva,")  # where (and when) it meets
    formulas.append(f"The {issuer}, acting under paragraph 3 of Article IX of the WTO Agreement,")  # its authority
    if issuer == "Ministerial Conference":
        formulas += ["Ministers,", "We, the Ministers,"]
    if kind == "decision":
        formulas.append(f"The {issuer} decides as follows:")
    elif issuer == "Ministerial Conference":
        formulas.append("We, the Ministers, meeting in Geneva, declare as follows:")
    if numbered and date is not None and kind == "decision":
        formulas.append("")  # no enacting formula: "Adopted by the General Council on ..."
    formula = draw(st.sampled_from(formulas)) or None
    if titled is None:
        titled = draw(st.booleans())
    title = draw(st.sampled_from(_DECLARATION_TITLES if kind == "declaration" else _TITLES)) if titled else None
    own_symbols = draw(st.lists(_symbols(), max_size=2, unique=True))
    ctx = _Context(issuer, date)
    preamble: list[tuple[str, str, list[tuple[str, int, int]]]] = []
    if formula is not None and not formula.endswith(":"):
        preamble = draw(st.lists(_recital(), max_size=4))
    count = draw(st.integers(min_paragraphs, max(min_paragraphs, 5)))
    paras: list[_Para] = []
    for k in range(count):
        para = draw(_paragraph(ctx, numbered=numbered, number=str(k + 1) if numbered else None))
        if numbered and k > 0 and draw(st.integers(0, 4)) == 0:
            para = attrs.evolve(para, heading=draw(st.sampled_from(_HEADINGS)))
        if numbered and (k > 0 or formula is not None) and draw(st.integers(0, 6)) == 0:
            # a numbered section title ("2. Export Subsidies"), also above the first paragraph
            number = draw(st.sampled_from((str(k + 1), _ROMAN[k], "ABCDEFGH"[k]) if k < len(_ROMAN) else (str(k + 1),)))
            para = attrs.evolve(para, heading=f"{number}. {draw(st.sampled_from(_SECTION_TITLES))}")
        elif k == 0 and formula is not None and draw(st.integers(0, 6)) == 0:
            # an unnumbered one right after "Decides:" or a formula that decides ("Agriculture")
            para = attrs.evolve(para, heading=draw(st.sampled_from(_SECTION_TITLES)))
        paras.append(para)

    # Lay the text out as render() does, then place every node.
    skeleton = Decision(
        kind=kind,
        issuer=issuer,
        date=date,
        title=title,
        symbols=tuple(own_symbols),
        references=(),
        preamble=tuple(Recital(o, t, Span(0, 0)) for o, t, _ in preamble),
        operative=tuple(_skeleton(p) for p in paras),
        enacting_formula=formula,
    )
    text = render(skeleton)
    blocks = text[:-1].split("\n\n")
    offsets: list[int] = []
    cursor = 0
    for piece in blocks:
        offsets.append(cursor)
        cursor += len(piece) + 2
    # front blocks: symbols, title, adoption line, formula, recitals, marker
    recital_nodes: list[Recital] = []
    front = len(blocks) - sum(1 + _count_subitems(p) + (1 if p.heading else 0) for p in paras)
    marker = 0 if formula is not None and formula.endswith(":") else 1
    first_recital = front - marker - len(preamble)
    for k, (opener, rtext, refs) in enumerate(preamble):
        at = offsets[first_recital + k]
        recital_nodes.append(
            Recital(
                opener,
                rtext,
                Span(at, at + len(rtext)),
                tuple(Reference(s, Span(at + a, at + b)) for s, a, b in refs),
            )
        )
    block = front
    paragraph_nodes: list[OperativeParagraph] = []
    for para in paras:
        if para.heading:
            block += 1
        lead = len(f"{para.number}. ") if para.number else 0
        paragraph_nodes.append(_place_paragraph(para, offsets[block] + lead, top=True)[0])
        block += 1 + _count_subitems(para)
    cited: list[str] = []
    for r in recital_nodes:
        cited += [x.symbol for x in r.references]
    for p in paragraph_nodes:
        cited += [x.symbol for x in _all_references(p)]
    references = tuple(dict.fromkeys(s for s in cited if s not in own_symbols))
    return Decision(
        kind=kind,
        issuer=issuer,
        date=date,
        title=title,
        symbols=tuple(own_symbols),
        references=references,
        preamble=tuple(recital_nodes),
        operative=tuple(paragraph_nodes),
        enacting_formula=formula,
        text=text,
    )


def _symbols() -> SearchStrategy[str]:
    return st.builds(
        lambda series, n, yy: series.format(n=n, yy=f"{yy:02d}"),
        st.sampled_from(_SERIES[:3]),
        st.integers(1, 1200),
        st.integers(0, 40),
    )


def _count_subitems(para: _Para) -> int:
    return sum(1 + _count_subitems(s) for s in para.subitems)


def _all_references(p: OperativeParagraph) -> list[Reference]:
    out = list(p.references)
    for s in p.subitems:
        out += _all_references(s)
    return out


def decisions(*, titled: bool | None = None, min_paragraphs: int = 1) -> SearchStrategy[Decision]:
    """Whole decisions and declarations: front matter (symbols, title, adoption date),
    an enacting formula (or none, for a numbered General Council text), recitals, and
    numbered or unnumbered operative paragraphs with their mandates, sub-items,
    headings, deadlines and references.

    ``titled`` forces a title (or its absence); ``min_paragraphs`` the least number of
    operative paragraphs.  The tree's spans point into ``render(d)``, which is ``d.text``.

    >>> from hypothesis import find
    >>> from wtotext import render
    >>> d = find(decisions(), lambda d: any(p.subitems for p in d.operative))
    >>> render(d) == d.text
    True
    """
    return _decision(titled, min_paragraphs)


# --------------------------------------------------------------------------- surfaces and noise


def decision_texts(surface: str = "plain") -> SearchStrategy[tuple[str, Decision]]:
    """Pairs ``(text, decision)``: a decision as a dump presents it, and the tree it must parse to.

    ``surface`` is ``"plain"`` (:func:`wtotext.render`), ``"web-scrape"`` (page furniture
    before and after), ``"pdf-extract"`` (hard wraps with hyphenation, a header laid
    out in columns, running heads and page numbers between pages) or ``"html"`` (a web
    page).  Compare with :func:`wtotext.render.comparable`: spans point into the plain
    rendering, not into ``text``.

    >>> from hypothesis import find
    >>> text, d = find(decision_texts("pdf-extract"), lambda pair: True)
    >>> "Page" in text
    True
    """
    surfaces: dict[str, Callable[[Decision], SearchStrategy[str]]] = {
        "plain": lambda d: st.just(render(d)),
        "web-scrape": lambda d: st.just(_web_scrape(render(d))),
        "pdf-extract": _pdf_extract,
        "html": lambda d: st.just(_html_page(d)),
    }
    if surface not in surfaces:
        raise ValueError(f"surface must be one of {', '.join(surfaces)}, got {surface!r}")
    titled = None if surface == "plain" else True
    return decisions(titled=titled).flatmap(lambda d: surfaces[surface](d).map(lambda text: (text, d)))


def _web_scrape(text: str) -> str:
    return "\n\n".join([*_WEB_HEAD, text.strip(), *_WEB_TAIL]) + "\n"


def _html_page(d: Decision) -> str:
    page = render(d, style="html")
    nav = "<nav><a href='/'>Home</a> | <a href='/trade'>Trade topics</a></nav>"
    footer = "<footer><p>Contact us | Site map</p><p>&copy; World Trade Organization</p></footer>"
    return page.replace("<body>", "<body>\n" + nav, 1).replace("</body>", footer + "\n</body>", 1)


@st.composite
def _pdf_extract(draw: DrawFn, d: Decision) -> str:
    """The decision as text extracted from a PDF: header in columns, wrapped body, pages."""
    width = draw(st.integers(72, 90))
    header: list[str] = [f"{s:>{width}}" for s in d.symbols]
    header += ["", f"{'19 December 2011':>{width}}", ""]
    job = f"({draw(st.integers(10, 99))}-{draw(st.integers(1000, 9999))})"
    header += [f"{job}{'Page: 1/3':>{width - len(job)}}", ""]
    blocks = render(d).strip().split("\n\n")
    skip = len(d.symbols) and 1  # the symbols block is in the header already
    lines = list(header)
    for block in blocks[skip:]:
        centred = block in (d.title, _front_adoption(block))
        if centred:
            lines += [f"{block:^{width}}".rstrip(), ""]
            continue
        lines += [*_wrap_block(block, width), ""]
    return _paginate(lines, draw(st.integers(20, 45)), " \u2022 ".join(d.symbols)) + "\n"


def _front_adoption(block: str) -> str | None:
    return block if re.match(r"(?:Decision|Declaration|Adopted)\b", block) else None


def _wrap_block(block: str, width: int, hyphenate: bool = True) -> list[str]:
    """Hard-wrap one block at ``width``; a list marker gets a hanging indent; long words at
    a line end are hyphenated; no wrapped line starts with something that looks like a marker."""
    out: list[str] = []
    for line in block.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        words = line.split()
        glued: list[str] = []
        for word in words:
            if glued and _LINE_START_MARKER.match(word):
                glued[-1] += _GLUE + word
            else:
                glued.append(word)
        wrapped = textwrap.wrap(
            " ".join(glued),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]
        if hyphenate:
            wrapped = _hyphenate(wrapped, width)
        out += [w.replace(_GLUE, " ") for w in wrapped]
    return out


def _hyphenate(lines: list[str], width: int) -> list[str]:
    """Split a long lower-case word at a line end with a hyphen, as a typesetter would."""
    out = list(lines)
    for i in range(len(out) - 1):
        words = out[i + 1].lstrip().split(" ")
        first = words[0]
        if len(first) >= 10 and first.isalpha() and first.islower() and len(words) > 1:
            cut = len(first) // 2
            if len(out[i]) + 1 + cut + 1 <= width:
                indent = out[i + 1][: len(out[i + 1]) - len(out[i + 1].lstrip())]
                out[i] = f"{out[i]} {first[:cut]}-"
                out[i + 1] = indent + " ".join([first[cut:], *words[1:]])
    return out


def _paginate(lines: list[str], page_lines: int, running_head: str) -> str:
    """Break ``lines`` into pages: a running head (if any) and a page number between them.

    A page break never falls right after a line that ends in punctuation inside a
    paragraph: in a dump, that is indistinguishable from the end of a paragraph.
    """
    out: list[str] = []
    page = 1
    count = 0
    for i, line in enumerate(lines):
        out.append(line)
        count += 1
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        safe = not line.strip() or not nxt.strip() or not line.rstrip().endswith((".", ",", ";", ":", "!", "?"))
        if count >= page_lines and safe and i + 1 < len(lines):
            page += 1
            count = 0
            out += [""]
            if running_head:
                out += [running_head, ""]
            out += [f"- {page} -", ""]
    return "\n".join(out)


def noise(text: str, *, wrap: bool | None = None) -> SearchStrategy[str]:
    """Perturbations a dump inflicts on ``text`` that must not change what it says.

    Each draw applies some of: web-page furniture before and after; hard wraps at 70-100
    columns with hyphenated line ends, pages with running heads (the document's own
    symbol) and page numbers; curly quotes; non-breaking spaces and hyphens; CRLF line
    ends; a byte-order mark.  Wrapping applies when ``wrap`` is true, or, when it is ``None``,
    when the text is not already hard-wrapped (it has a line over 100 characters).

    >>> from hypothesis import find
    >>> find(noise("The General Council,\\n\\nDecides:\\n"), lambda t: t.startswith("\\ufeff"))[:1]
    '\\ufeff'
    """
    if wrap is None:
        wrap = any(len(line) > 100 for line in text.splitlines())
    return _noise(text, wrap)


@st.composite
def _noise(draw: DrawFn, text: str, wrap: bool) -> str:
    scraped = draw(st.booleans())
    if scraped:
        text = _web_scrape(text)
    if wrap and draw(st.booleans()):
        width = draw(st.integers(70, 100))
        lines = [w for line in text.split("\n") for w in (_wrap_block(line, width) if line.strip() else [""])]
        # a running head repeats the symbol printed at the top of the first page (a PDF
        # has no web furniture above it): without one, pages get numbers only
        head = "" if scraped else _own_symbol(text)
        text = _paginate(lines, draw(st.integers(20, 60)), head) + "\n"
    if draw(st.booleans()):
        text = _curly(text)
    if draw(st.booleans()):
        spaces = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", text)]
        if spaces:
            chosen = set(draw(st.lists(st.sampled_from(spaces), max_size=20)))
            text = "".join("\u00a0" if i in chosen else c for i, c in enumerate(text))
    if draw(st.booleans()):  # a word processor's non-breaking hyphens ("Director\u2011General")
        text = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", "\u2011", text)
    if draw(st.booleans()):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def _own_symbol(text: str) -> str:
    """The first symbol printed on a line of its own at the top of the first page, for running heads."""
    for line in text.splitlines()[:12]:
        if re.fullmatch(rf"\s*{SYMBOL}\s*", line):
            return line.strip()
    return ""


def _curly(text: str) -> str:
    """Straight quotes made typographic: "x" -> \u201cx\u201d, it's -> it\u2019s."""
    out: list[str] = []
    opened = False
    for i, c in enumerate(text):
        if c == '"':
            out.append("\u201d" if opened else "\u201c")
            opened = not opened
        elif c == "'" and 0 < i < len(text) - 1 and text[i - 1].isalpha():
            out.append("\u2019")
        else:
            out.append(c)
    return "".join(out)
