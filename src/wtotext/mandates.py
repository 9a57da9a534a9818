"""Building mandates: an operative paragraph's tokens -> :class:`~wtotext.nodes.Mandate` nodes.

The clause grammar (``grammars/clause.lark``) classifies the words; this module reads
the sequence and applies the rules of GOLD.md, each in a function named after it:

* **frames** that assign conduct: a modal after a subject (``Members shall notify``),
  a directive to an addressee (``To instruct the General Council to hold``), an
  operative infinitive (``To continue the work``: the issuer's own conduct), a
  catenative in the present (``We agree to reinvigorate``, ``Members reaffirm their
  commitment ... to exercise``), a subjunctive after ``that`` (``that the Negotiating
  Group on Rules continue``), a passive that names its agent (``shall be reviewed by
  the Ministerial Conference``), and sub-items that complete a ``must:``;
* **verb phrases**: the verb (through catenatives, perfects and gerunds), where the
  phrase ends, coordinated verbs (one mandate each, unless they share one object),
  routing (``particularly through the CTD to examine``), purpose phrases and relative
  clauses (never mandates);
* **deadlines**: dates in a mandate's stretch of the sentence, unless they date a
  document (``G/AG/2 of 30 June 1995``); relative ones (``5 years from the date of
  this Decision``) counted from the decision's date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

import attrs

from wtotext import dates
from wtotext.bodies import Registry, registry
from wtotext.lemmas import is_verb, lemma
from wtotext.lexicon import Lexicon, lexicon
from wtotext.nodes import Actor, Deadline, Diagnostic, Mandate, Modality, Span
from wtotext.normalise import fold
from wtotext.parser import clause_scanner, literal_kinds


def _w(name: str) -> frozenset[str]:
    """A closed word class of data/lexicon.toml's [words] table."""
    return lexicon().words[name]


# The reader asks the same questions of the same words many times; the answers depend on
# the word alone (and on the shipped word lists, read once), so they are remembered
# (lemmas and the registry remember theirs themselves).


#: How far a phrase that narrows a directive's addressees may run before its "to V".
_POSTMODIFIER_LENGTH = 14


@lru_cache(maxsize=8192)
def _is_adverb_word(word: str) -> bool:
    """An adverb of the lexicon, or a word in -ly that is not a verb ("promptly", not "apply")."""
    return word in _w("adverbs") or (word.endswith("ly") and word not in _w("not_adverbs") and not is_verb(word))


class Tok(NamedTuple):
    """One token of a paragraph: a terminal of clause.lark (dates all as ``DATE``)."""

    kind: str
    text: str
    low: str  # ``text`` case-folded, once: the reader compares words many times
    start: int
    end: int
    iso: tuple[str, ...] = ()


@attrs.define
class Context:
    """What the builder knows about the document while it reads paragraphs."""

    issuer: str
    date: str | None
    registry: Registry
    lex: Lexicon
    to_span: Callable[[int, int], Span]
    text: str  # the clean text the token offsets refer to
    # The actors named so far, by (name, known): for each, the order in which its mentions
    # were resolved and their clean offsets.  Looking back goes over names, not over
    # every earlier mention, so that a long document stays linear.
    mentions: dict[tuple[str, bool], list[tuple[int, int]]] = attrs.field(factory=dict)
    resolved_count: int = 0
    resolved: dict[int, Actor | None] = attrs.field(factory=dict)
    bindings: dict[str, str] = attrs.field(factory=dict)
    diagnostics: list[Diagnostic] = attrs.field(factory=list)


@attrs.define
class _Found:
    """A mandate under construction (clean offsets)."""

    body: Actor
    verb: str
    modality: Modality
    verb_at: int
    end: int
    start: int
    region: int
    via: Actor | None = None
    deadlines: list[Tok] = attrs.field(factory=list)


class _Phrase(NamedTuple):
    """A verb phrase to read: where its verb is, for whom, with what force, from where."""

    v: int
    subjects: tuple[Actor, ...]
    modality: Modality
    start: int
    via: Actor | None
    statement: bool
    directed: bool


@attrs.frozen
class Frame:
    """What a paragraph ending in ``must:`` hands to its sub-items: their subjects, and
    their force (``None`` after a bare subject, "Members:", whose items say their own:
    "(a) shall notify ...")."""

    subjects: tuple[Actor, ...]
    modality: Modality | None
    # the lead-in's own deadlines, which its items' verbs share ("shall, by 31 May 2027:")
    deadlines: tuple[Tok, ...] = ()


# --------------------------------------------------------------------------- tokens


class Tokens:
    """One paragraph's tokens as parallel lists, which the reader indexes.

    A :class:`Tok` per word would cost more than the reading itself; :meth:`tok` makes
    one where a whole token is needed (an actor to resolve, a date to keep).
    ``tokens[a:b]`` are the tokens of one sentence.
    """

    __slots__ = ("_base", "_matches", "isos", "kinds", "lows", "texts")

    def __init__(
        self,
        kinds: list[str],
        texts: list[str],
        lows: list[str],
        isos: list[tuple[str, ...]],
        matches: list[re.Match[str]],
        base: int,
    ) -> None:
        self.kinds = kinds  # terminal names (dates all as ``DATE``)
        self.texts = texts
        self.lows = lows  # the texts case-folded, once: the reader compares words many times
        self.isos = isos  # a date's ISO forms, else ()
        self._matches = matches
        self._base = base

    def __len__(self) -> int:
        return len(self.kinds)

    def __getitem__(self, window: slice) -> Tokens:
        kinds, texts, lows, isos = self.kinds[window], self.texts[window], self.lows[window], self.isos[window]
        return Tokens(kinds, texts, lows, isos, self._matches[window], self._base)

    def __iter__(self) -> Iterator[Tok]:
        return (self.tok(i) for i in range(len(self.kinds)))

    def start(self, i: int) -> int:
        """The offset of token ``i`` (shifted by the paragraph's base)."""
        return self._base + self._matches[i].end() - len(self.texts[i])  # the token ends its match

    def end(self, i: int) -> int:
        return self._base + self._matches[i].end()

    def tok(self, i: int) -> Tok:
        return Tok(self.kinds[i], self.texts[i], self.lows[i], self.start(i), self.end(i), self.isos[i])


def tokenize(text: str, base: int) -> Tokens:
    """The clause vocabulary's reading of ``text`` (offsets shifted by ``base``)."""
    matches = list(clause_scanner().finditer(text))
    groups = [match.lastgroup or "OTHER" for match in matches]
    texts = [match[group] for match, group in zip(matches, groups, strict=True)]
    # a scanner group is a terminal, dates are all DATE, and the merged groups of
    # literals (KEYWORD, CHAR) say which terminal by the literal
    terminal, literals = _group_kinds(registry().version), literal_kinds()
    kinds = [terminal.get(group) or literals[value] for group, value in zip(groups, texts, strict=True)]
    isos: list[tuple[str, ...]] = [()] * len(kinds)
    if "DATE" in kinds:
        for i, kind in enumerate(kinds):
            if kind == "DATE":
                isos[i] = dates.read(groups[i], texts[i])
    return Tokens(kinds, texts, [value.casefold() for value in texts], isos, matches, base)


@lru_cache(maxsize=8)
def _group_kinds(version: int) -> dict[str, str]:
    """The token kind of each group of the clause scanner but the merged ones (KEYWORD, CHAR)."""
    groups = clause_scanner().groupindex
    return {g: "DATE" if g.startswith("DATE_") else g for g in groups if g not in ("KEYWORD", "CHAR")}


# --------------------------------------------------------------------------- entry point


def paragraph_mandates(
    text: str, base: int, ctx: Context, *, frame: Frame | None = None
) -> tuple[list[Mandate], Frame | None]:
    """The mandates of one operative paragraph (or sub-item) and the frame it opens, if any."""
    toks = tokenize(text, base)
    _note_mentions(toks, ctx)
    found: list[_Found] = []
    opened: Frame | None = None
    for start, stop in _sentences(toks.kinds):
        sentence = toks[start:stop]
        reader = _Reader(sentence, ctx, frame)
        reader.read()
        if reader.found:
            _assign_deadlines(reader.found, sentence, reader.own_terms)
            found.extend(reader.found)
        elif found and not reader.own_terms and not _names_instrument(sentence.lows, 0, len(sentence)):
            # A sentence with no conduct of its own ("If MC13 is delayed beyond 31 March
            # 2024, the moratorium will expire ...") qualifies the conduct before it.
            found[-1].deadlines.extend(tok for _, tok in _deadlines(sentence))
        opened = reader.opened or opened
    mandates = [_to_mandate(f, ctx) for f in _dedupe(found)]
    for m in mandates:
        for actor in (m.body, m.via):
            if actor is not None and not actor.known:
                ctx.diagnostics.append(
                    Diagnostic(f"actor {actor.name!r} is not in the body registry", actor.span, code="unknown-actor")
                )
    return mandates, opened


def _sentences(kinds: list[str]) -> Iterator[tuple[int, int]]:
    """The ``(start, stop)`` token ranges of a paragraph's sentences, each with its full stop."""
    start = 0
    for i, kind in enumerate(kinds):
        if kind == "STOP":
            yield start, i + 1
            start = i + 1
    if start < len(kinds):
        yield start, len(kinds)


def _names_instrument(lows: list[str], start: int, stop: int) -> bool:
    """Do the words from ``start`` open on the instrument itself ("This Decision", "these
    procedures", "the waiver"), a determiner then one of the lexicon's instrument nouns?"""
    return start + 1 < stop and lows[start] in ("this", "these", "the") and lows[start + 1] in _w("instruments")


def _dedupe(found: list[_Found]) -> list[_Found]:
    seen: set[tuple[str, str, str, int]] = set()
    out = []
    for f in found:
        key = (f.body.name, f.verb, f.modality.value, f.verb_at)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _to_mandate(f: _Found, ctx: Context) -> Mandate:
    limits = tuple(
        Deadline(fold(ctx.text[t.start : t.end]), iso, ctx.to_span(t.start, t.end))
        for t in f.deadlines
        for iso in (_resolved(t, ctx) or (None,))
    )
    return Mandate(
        body=f.body,
        verb=f.verb,
        modality=f.modality,
        action=fold(ctx.text[f.verb_at : f.end]).rstrip(",;: "),
        span=ctx.to_span(f.start, f.end),
        via=f.via,
        time_limits=limits,
    )


def _resolved(tok: Tok, ctx: Context) -> tuple[str, ...]:
    if tok.iso:
        return tok.iso
    if ctx.date is None or len(ctx.date) != 10:
        return ()
    words = tok.text.split()
    if tok.kind == "DATE" and words and words[0].casefold() not in ("as", "from", "on"):
        return (dates.add_period(ctx.date, dates.quantity(words[0]), words[1]),)
    return (ctx.date,)


# --------------------------------------------------------------------------- actors


def _note_mentions(toks: Tokens, ctx: Context) -> None:
    """Resolve every actor phrase in text order, so that pronouns and short names find antecedents.

    Also records indefinite antecedents: after "a work programme, to be undertaken in the
    Committee on Agriculture", "the work programme" is that Committee.
    """
    kinds, lows = toks.kinds, toks.lows
    if "ACTOR" not in kinds:
        return
    for i, kind in enumerate(kinds):
        if kind != "ACTOR":
            continue
        if lows[i].split()[0] in ("a", "an"):
            j = i + 1
            if j < len(kinds) and kinds[j] == "COMMA":
                j += 1
            to_be = lows[j : j + 2] == ["to", "be"] and j + 4 < len(kinds) and lows[j + 3] in ("in", "by", "under")
            if to_be and kinds[j + 4] == "ACTOR":
                owner = resolve_actor(toks.tok(j + 4), ctx)
                if owner is not None:
                    ctx.bindings[_bare(toks.texts[i])] = owner.name
                continue
        resolve_actor(toks.tok(i), ctx)


@lru_cache(maxsize=4096)
def _bare(surface: str) -> str:
    """An actor phrase without its determiners, case-folded (remembered: phrases recur)."""
    words = surface.split()
    while words and words[0].casefold() in _w("determiners"):
        words = words[1:]
    return " ".join(words).casefold()


def resolve_actor(tok: Tok, ctx: Context) -> Actor | None:
    """The actor a token names, or ``None`` (a pronoun with no antecedent)."""
    if tok.start in ctx.resolved:
        return ctx.resolved[tok.start]
    actor = _resolve(tok, ctx)
    ctx.resolved[tok.start] = actor
    if actor is not None and tok.kind == "ACTOR":
        ctx.mentions.setdefault((actor.name, actor.known), []).append((ctx.resolved_count, tok.start))
        ctx.resolved_count += 1
    return actor


def _resolve(tok: Tok, ctx: Context) -> Actor | None:
    span = ctx.to_span(tok.start, tok.end)
    if tok.kind == "WE":
        return Actor(ctx.issuer, tok.text, True, span)
    if tok.kind == "PRONOUN":
        prior = _latest(ctx, tok.start, lambda name: name != ctx.issuer)
        return None if prior is None else Actor(prior[0], tok.text, prior[1], span)
    surface = fold(tok.text)
    bare = _bare(surface.split(" (")[0])
    if bare in ctx.bindings and tok.low.split()[0] not in ("a", "an"):
        return Actor(ctx.bindings[bare], surface, True, span)
    name = ctx.registry.resolve(surface)
    if name is not None:
        return Actor(name, surface, True, span)
    words = len(bare.split())
    prior = _latest(ctx, tok.start, lambda name: bool(bare) and bare in name.casefold() and words < len(name.split()))
    if prior is not None:
        return Actor(prior[0], surface, prior[1], span)
    if bare and bare in ctx.issuer.casefold() and words < len(ctx.issuer.split()):
        # "The Committee shall review ..." in a decision of the TBT Committee: the issuer
        return Actor(ctx.issuer, surface, ctx.registry.resolve(ctx.issuer) is not None, span)
    return Actor(ctx.registry.unknown_name(surface.split(" (")[0]), surface, False, span)


def _latest(ctx: Context, start: int, accept: Callable[[str], bool]) -> tuple[str, bool] | None:
    """Of the actors named before ``start`` whose name ``accept`` takes, the last resolved.

    The answer is its (name, known), or ``None``.
    """
    best: tuple[str, bool] | None = None
    best_order = -1
    for key, seen in ctx.mentions.items():
        if not accept(key[0]):
            continue
        for order, at in reversed(seen):
            if order <= best_order:
                break
            if at < start:
                best, best_order = key, order
                break
    return best


# --------------------------------------------------------------------------- the reader

# The marks that bound a relative clause (see :meth:`_Reader.mark_before`), and how far
# back to look for one before working them out for the whole sentence.
_MARK_KINDS = frozenset(("COMMA", "SEMI", "COLON", "REL", "THAT"))
_SHORT_SCAN = 32
# The token kinds that end a clause before its subject, for :meth:`_Reader.note_own_term`.
_CLAUSE_BOUNDS = frozenset(("COMMA", "SEMI", "COLON", "STOP", "AND", "OR", "THAT", "REL"))
# The token kinds at which :meth:`_Reader.read` may find a clause that assigns conduct.
_CLAUSE_MARKS = frozenset(("MODAL", "WE", "BE", "THAT", "ACTOR", "DIRECTIVE"))
# The token kinds that :meth:`_Reader.phrase_end` looks at; it walks past all others.
_PHRASE_MARKS = frozenset(
    ("LPAR", "RPAR", "STOP", "SEMI", "COLON", "REL", "THAT", "COMMA", "MODAL", "AND", "OR", "PURPOSE", "THROUGH", "TO")
)


class _Reader:
    """Reads one sentence and collects its mandates."""

    def __init__(self, toks: Tokens, ctx: Context, frame: Frame | None) -> None:
        self.toks = toks
        self.kinds = toks.kinds  # the hot loops index these directly
        self.lows = toks.lows
        self.ctx = ctx
        self.frame = frame
        self.found: list[_Found] = []
        self.opened: Frame | None = None
        self._ahead: list[bool] | None = None  # see commitment_ahead
        self._speaker: list[bool | None] | None = None  # see directed_by_issuer
        self._first_predicate: int | None = None  # see first_predicate
        self._marks: list[int] | None = None  # see mark_before
        self.last_subjects: tuple[Actor, ...] = ()
        self.own_terms: list[int] = []  # see note_own_term

    # -- helpers ------------------------------------------------------------------
    def kind(self, i: int) -> str:
        if i < 0:
            return "END"
        try:  # the commonest call of all: no length test for the index that is in range
            return self.kinds[i]
        except IndexError:
            return "END"

    def low(self, i: int) -> str:
        if i < 0:
            return ""
        try:
            return self.lows[i]
        except IndexError:
            return ""

    def is_adverb(self, i: int) -> bool:
        return self.kind(i) == "WORD" and _is_adverb_word(self.lows[i])

    def skip_adverbs(self, i: int) -> int:
        kinds, lows = self.kinds, self.lows
        n = len(kinds)
        while 0 <= i < n:
            kind = kinds[i]
            if not ((kind == "WORD" and _is_adverb_word(lows[i])) or (kind == "NOT" and i + 1 < n)):
                break
            i += 1
        return i

    def verb_at(self, i: int) -> int | None:
        """Index of the verb that follows a modal or ``to``: adverbs, a floating quantifier
        ("shall each report"), a deadline ("shall no later than 31 May 2027 notify") and one
        parenthetical skipped."""
        i = self.skip_adverbs(self.after_deadline(i))  # "not later than" before "not" is an adverb
        if self.kind(i) == "WORD" and self.lows[i] in _w("floating_quantifiers"):
            i = self.skip_adverbs(i + 1)
        i = self.skip_adverbs(self.after_deadline(i))
        if self.kind(i) == "COMMA":
            close = self.closing_comma(i)
            if close is None:
                return None
            i = self.skip_adverbs(close + 1)
        if self.kind(i) in ("WORD", "DIRECTIVE", "BE", "HAVE"):
            return i
        return None

    def lists_responsibilities(self, be: int) -> bool:
        """ "be responsible for:" at ``be``, a colon ending the sentence: the sub-items name the tasks."""
        return any(self.final_colon(k) for k in self.phrase_ends(self.skip_adverbs(be + 1), _w("responsibilities")))

    def final_colon(self, k: int) -> bool:
        """Is ``k`` the colon that ends the sentence, the sub-items below going on from it?"""
        return k == len(self.kinds) - 1 and self.kinds[k] == "COLON"

    def lead_comma(self, j: int) -> int | None:
        """The comma that closes a short phrase opening an item at ``j`` ("where possible,")."""
        for k in range(j + 1, min(j + 5, len(self.kinds))):
            if self.kinds[k] == "COMMA":
                return k
            if self.kinds[k] not in ("WORD", "OF", "DIRECTIVE"):  # ("upon request,")
                return None
        return None

    def lists_tasks(self, v: int) -> bool:
        """ "have the following functions:" at ``v``: the sub-items below name the subject's tasks."""
        if self.kind(v) != "HAVE" or self.lows[v + 1 : v + 3] != ["the", "following"]:
            return False
        return self.final_colon(self.phrase_end(v + 1))

    def responsibility(self, be: int) -> int | None:
        """After "be" at ``be``, a phrase that hands its subject a task and the gerund that
        names it ("be responsible for monitoring", "be tasked with examining"): the gerund's index."""
        j = self.skip_adverbs(be + 1)
        return next((k for k in self.phrase_ends(j, _w("responsibilities")) if self.is_gerund(k)), None)

    def after_deadline(self, i: int) -> int:
        """After a deadline that opens at ``i`` ("no later than 31 May 2027", "by 2030"), else ``i``."""
        ends = self.phrase_ends(i, self.ctx.lex.deadline_prepositions)
        return next((k + 1 for k in ends if self.kind(k) in ("DATE", "YEAR")), i)

    def phrase_ends(self, i: int, phrases: tuple[str, ...] | frozenset[str]) -> Iterator[int]:
        """Where each of ``phrases`` (of the lexicon) that the words at ``i`` spell ends, longest first."""
        for words in _phrases_from(phrases).get(self.low(i), ()):
            k = i + len(words)
            if tuple(self.lows[i:k]) == words:
                yield k

    def past_parenthetical(self, i: int) -> int:
        """After the parenthetical that a comma at ``i`` opens ("shall, as appropriate, report"), else ``i``."""
        if self.kind(i) == "COMMA":
            close = self.closing_comma(i)
            if close is not None:
                return close + 1
        return i

    def closing_comma(self, i: int, *, across_modal: bool = False) -> int | None:
        """The comma that closes a parenthetical opened by the comma at ``i``."""
        depth = 0
        kinds = self.kinds
        for j in range(i + 1, min(len(kinds), i + 25)):
            kind = kinds[j]
            if kind == "LPAR":
                depth += 1
            elif kind == "RPAR":
                depth -= 1
            elif kind == "COMMA" and depth <= 0:
                return j
            elif kind in ("STOP", "SEMI") or (kind == "MODAL" and not across_modal):
                return None
        return None

    def is_infinitive(self, i: int) -> bool:
        """``to`` at ``i`` introduces a verb (not the preposition: "report to the Council")."""
        if self.kind(i) != "TO":
            return False
        j = self.skip_adverbs(i + 1)
        if self.kind(j) == "COMMA":  # "to, inter alia, examine"
            j = self.skip_adverbs(self.past_parenthetical(j))
        if self.kind(j) in ("DIRECTIVE", "BE", "HAVE"):
            return True
        word = self.low(j)
        if self.kind(j) != "WORD" or word in _w("determiners") or not self.toks.texts[j].islower():
            return False
        # a verb of the lexicon, or a word that takes an object at once ("to supply the data")
        return is_verb(word) or (self.low(j + 1) in _w("determiners") or self.kind(j + 1) == "ACTOR")

    # -- the sentence ---------------------------------------------------------------
    def read(self) -> None:
        toks = self.toks
        i = 0
        # Sub-item completing its parent's "must:" — "(b) have fulfilled ...", or its
        # "shall have the following functions:" — "(a) to examine ..."
        if self.frame is not None and self.frame.modality is not None and (j := self.item_verb()) is not None:
            # "(b) not impose ..." under "Members shall:" is a prohibition
            modality = Modality.PROHIBITION if "NOT" in self.kinds[:j] else self.frame.modality
            self.verb_phrase(j, self.frame.subjects, modality, start=toks.start(0))
            if self.frame.deadlines and next(_deadlines(self.toks), None) is None:
                for f in self.found:  # the lead-in's deadlines: "shall, by 31 May 2027:" + "(a) notify ..."
                    f.deadlines.extend(self.frame.deadlines)
            return
        # Operative infinitive: "To continue ...", "to adopt ..."
        if self.kind(0) == "TO":
            j = self.skip_adverbs(1)
            if self.kind(j) in ("WORD", "DIRECTIVE") and (self.kind(j) == "DIRECTIVE" or is_verb(self.low(j))):
                issuer = Actor(self.ctx.issuer, self.ctx.issuer, True, None)  # the issuer's own conduct
                i = self.verb_phrase(j, (issuer,), Modality.OBLIGATION, start=toks.start(0))
        # The issuer's verb with its subject left out, the style of resolutions: "Instructs the
        # Committee on Agriculture to ...", "Further agrees to ...": read as "We instruct ...".
        elif (verb := self.issuer_verb()) is not None:
            if self.kind(verb) == "DIRECTIVE":
                i = self.directive(verb, None, start=toks.start(0))
            elif lemma(self.low(verb)) in self.ctx.lex.catenatives and (
                self.is_infinitive(verb + 1) or self.opens_list(verb + 1)
            ):
                issuer = Actor(self.ctx.issuer, self.ctx.issuer, True, None)
                i = self.verb_phrase(verb, (issuer,), Modality.OBLIGATION, start=toks.start(0))
        kinds = self.kinds
        n = len(kinds)
        while i < n:
            kind = kinds[i]
            if kind not in _CLAUSE_MARKS:
                i += 1  # most tokens are words, and no word starts a clause
            elif kind == "MODAL" and not self.in_relative(i):
                i = self.modal_clause(i)
            elif kind == "WE" and self.kind(self.after_subject(i)) in ("WORD", "DIRECTIVE"):
                i = self.we_clause(i)
            elif kind == "BE" and self.kind(self.skip_adverbs(i + 1)) == "WORD" and not self.in_relative(i):
                i = self.passive_directive(i)
            elif kind == "THAT" and self.kind(i + 1) == "ACTOR" and self.subjunctive(i + 1):
                i = self.subjunctive_clause(i + 1)
            elif kind == "ACTOR" and self.is_clause_start(i) and self.present_commitment(i) is not None:
                i = self.commitment_clause(i)
            elif kind == "ACTOR" and self.is_clause_start(i) and (verb := self.statement_verb(i)) is not None:
                i = self.statement_clause(i, verb)
            elif kind == "DIRECTIVE" and self.addressed(i) and self.directed_by_issuer(i):
                i = self.directive(i, None, start=toks.start(i))
            else:
                i += 1
        if self.opened is None and n > 4 and kinds[-1] == "COLON":
            self.opened = self.tasks_of_named_body()
        if self.opened is None and n >= 2 and kinds[-1] == "COLON" and all(k in ("ACTOR", "AND") for k in kinds[:-1]):
            # "Members:" over "(a) shall notify ...; (b) should provide ...": the items' subject
            subjects = [resolve_actor(toks.tok(k), self.ctx) for k in range(n - 1) if kinds[k] == "ACTOR"]
            self.opened = Frame(_unique([a for a in subjects if a is not None]), None)

    def item_verb(self) -> int | None:
        """The verb that opens a sub-item under a frame, past a short phrase ("(b) where
        possible, provide ...", "upon request, consult ...") and "to": a verb of the lexicon,
        "have", a gerund ("(a) examining ..." under "shall be responsible for:"), or a
        directive's verb with no addressee ("(b) request consultations"); else None."""
        j = self.skip_adverbs(0)
        if self.kind(j) == "WORD" and not is_verb(self.low(j)) and (comma := self.lead_comma(j)) is not None:
            j = self.skip_adverbs(comma + 1)
        if self.kind(j) == "TO" and self.is_infinitive(j):
            j = self.skip_adverbs(j + 1)
        kind = self.kind(j)
        if (kind == "DIRECTIVE" and not self.addressed(j)) or (kind == "WORD" and self.is_gerund(j)):
            return j
        return j if kind == "HAVE" or (kind == "WORD" and is_verb(self.low(j))) else None

    def tasks_of_named_body(self) -> Frame | None:
        """ "To establish a Working Party on ... with the following terms of reference:" (a
        colon ends the sentence): the sub-items below are the body's tasks."""
        lows = self.lows
        for w in range(len(lows) - 4, 0, -1):
            if lows[w : w + 3] == ["with", "the", "following"] and self.kinds[w - 1] == "ACTOR":
                if not self.final_colon(self.phrase_end(w + 1)):
                    return None
                body = resolve_actor(self.toks.tok(w - 1), self.ctx)
                return None if body is None else Frame((body,), Modality.OBLIGATION)
        return None

    def in_relative(self, i: int) -> bool:
        """Is position ``i`` inside a relative clause ("reports that may be submitted by ...")?"""
        j = self.mark_before(i)
        if j < 0:
            return False
        kind = self.kinds[j]
        if kind in ("COMMA", "SEMI", "COLON"):
            return kind == "COMMA" and self.kind(j + 1) == "REL"
        if kind == "REL" or not self.is_complementiser(j):
            # "A Member that adopts a measure ... shall notify": the relative clause has
            # its own verb, so the modal is the main clause's (unless coordinated with it)
            return not self.relative_closed(j, i)
        return False  # "that" opening a clause

    def mark_before(self, i: int) -> int:
        """The nearest punctuation mark (, ; :) or relative word (which, that ...) before ``i``, or -1.

        A short scan back finds it in most sentences; past that, it is worked out once for
        the sentence: a scan back from every modal would make a long sentence of clauses
        with no comma quadratic.
        """
        kinds = self.kinds
        for j in range(i - 1, max(-1, i - _SHORT_SCAN), -1):
            if kinds[j] in _MARK_KINDS:
                return j
        if i < _SHORT_SCAN:  # the scan went back to the sentence's start
            return -1
        if self._marks is None:
            marks: list[int] = []
            last = -1
            for j, kind in enumerate(self.kinds):
                marks.append(last)
                if kind in _MARK_KINDS:
                    last = j
            marks.append(last)
            self._marks = marks
        return self._marks[i] if 0 <= i < len(self._marks) else -1

    def relative_closed(self, rel: int, i: int) -> bool:
        """Did the relative clause opened at ``rel`` get its own finite verb before ``i``?"""
        between = range(rel + 1, i)
        if self.kind(i - 1) in ("AND", "OR"):  # "that Members have made and will make"
            return "MODAL" in self.kinds[rel + 1 : i]
        # a plural antecedent's verb is in the base form: "Members who wish to do so may ..."
        return any(self.is_finite(j) for j in between) or (
            rel + 1 < i and self.is_base_verb(self.skip_adverbs(rel + 1))
        )

    def is_base_verb(self, j: int) -> bool:
        """A verb in its base form at ``j`` ("continue", "take"), not an -s, -ed or -ing form."""
        word = self.low(j)
        return self.kind(j) == "WORD" and is_verb(word) and lemma(word) == word

    def is_present(self, j: int) -> bool:
        """A verb in the present at ``j`` ("agree", "agrees"), not a past ("agreed", "sought") or an -ing form.

        A verb in the past reports ("Ministers agreed to maintain ...", "The Committee
        continued to examine ..."): a statement, not conduct (rule 7).
        """
        return self.is_base_verb(j) or self.is_finite(j)

    def is_finite(self, j: int) -> bool:
        kind = self.kind(j)
        if kind in ("BE", "HAVE", "MODAL"):
            return True
        word = self.low(j)
        return kind == "WORD" and word.endswith("s") and lemma(word) != word and is_verb(lemma(word))

    def is_complementiser(self, j: int) -> bool:
        """``that`` introduces a clause (decide that ..., paragraph-initial that ...), not a relative."""
        if j == 0:
            return True
        prev, low = self.kinds[j - 1], self.lows[j - 1]
        word = lemma(low) if prev in ("WORD", "DIRECTIVE") else low
        return (
            word in self.ctx.lex.complement_takers
            or prev in ("COMMA", "COLON", "SEMI", "WE", "AND")
            or word in ("agreed", "decided", "understood", "recognized", "recognised", "provided", "so", "ensure")
        )

    def is_clause_start(self, i: int) -> bool:
        return i == 0 or self.kind(i - 1) in ("COMMA", "SEMI", "COLON", "THAT") or self.low(i - 1) in ("and",)

    def directed_by_issuer(self, i: int) -> bool:
        """A directive spoken by the issuer that no frame has read yet.

        The issuer speaks as "we" ("we ... and direct it to"), by its name ("Ministers
        instruct the General Council to ...", "The General Council requests ..." in its own
        decision) or, its subject left out, in a sentence that opens on its verb ("Takes
        note of the report and requests ...").  The directive is in the present: "Ministers
        instructed" is a statement.
        """
        if self._speaker is None:
            # the nearest mark at or before each token, worked out once for the sentence: a
            # scan back from every directive would make a long list of them quadratic
            speaker: list[bool | None] = []
            said: bool | None = None
            for j, kind in enumerate(self.kinds):
                if kind == "WE" or self.issuer_speaks(j):
                    said = True
                elif kind in ("MODAL", "SEMI"):
                    said = False
                speaker.append(said)
            self._speaker = speaker
        said = self._speaker[i] if 0 <= i < len(self._speaker) else None
        return self.issuer_verb() is not None if said is None else said

    def addressed(self, d: int) -> bool:
        """Does the directive at ``d`` name its addressee ("invite Members", "call upon them")?"""
        k = d + 2 if lemma(self.low(d)) == "call" and self.low(d + 1) in ("upon", "on") else d + 1
        return self.kind(k) in ("ACTOR", "PRONOUN")

    def issuer_speaks(self, a: int) -> bool:
        """The issuer by name opens a clause at ``a`` with a verb in the present ("Ministers
        note ...", "Ministers (also) instruct ...")."""
        if self.kinds[a] != "ACTOR" or not self.is_clause_start(a):
            return False
        v = self.skip_adverbs(a + 1)
        if not (self.kind(v) == "DIRECTIVE" or (self.kind(v) == "WORD" and self.is_present(v))):
            return False
        actor = resolve_actor(self.toks.tok(a), self.ctx)
        return actor is not None and actor.name == self.ctx.issuer

    def issuer_verb(self) -> int | None:
        """Where the sentence opens on a verb of the issuer's with no subject, its index.

        The sentence starts with a capital, and its first word (adverbs such as "Further"
        skipped) is a directive or a verb in the third person: "Instructs", "Further
        requests", "Takes note".
        """
        if not self.kinds or not self.toks.texts[0][:1].isupper():
            return None
        j = self.skip_adverbs(0)
        kind = self.kind(j)
        if kind == "DIRECTIVE" or (kind == "WORD" and self.is_finite(j)):
            return j
        return None

    # -- frames -----------------------------------------------------------------------
    def subjects_before(self, m: int) -> tuple[tuple[Actor, ...], int] | None:
        """The subject actors of a predicate at ``m`` and where the subject starts."""
        kinds = self.kinds
        # "X shall, by 31 December 2026, decide ... and Members shall refrain": the subject
        # joined by "and" after an earlier predicate, even where the walk back would stop at
        # a comma before reaching it
        j, joined = m - 1, False
        joint = self.joined_subject(m)
        if joint is not None and self.first_predicate() < joint:
            j, joined = joint, True
        depth = 0
        while j >= 0 and not joined:
            kind = kinds[j]
            if kind == "RPAR":
                depth += 1
            elif kind == "LPAR":
                depth -= 1
            elif (
                depth <= 0
                and kind in ("REL", "THAT")
                and self.relative_closed(j, m)
                and not (kind == "THAT" and self.is_complementiser(j))
            ):
                pass  # a relative clause inside the subject: "A Member that adopts a measure"
            elif depth <= 0 and kind in ("COMMA", "SEMI", "COLON", "THAT", "STOP"):
                break
            elif depth <= 0 and self.is_predicate(j) and (joint := self.joined_subject(m)) is not None:
                # an earlier clause's modal or passive directive: "X shall monitor it and the
                # Secretariat shall report", "X is invited to review it and Y is invited to ..."
                j = joint
                break
            j -= 1
        start = self.subject_start(j + 1, m)
        subjects: list[Actor] = []
        if self.kind(start) in ("ACTOR", "WE", "PRONOUN"):
            actor = resolve_actor(self.toks.tok(start), self.ctx)
            if actor is not None:
                subjects.append(actor)
            for k in range(start + 1, m):
                if self.kind(k) in ("AND", "OR") and self.kind(k + 1) == "ACTOR":
                    more = resolve_actor(self.toks.tok(k + 1), self.ctx)
                    if more is not None:
                        subjects.append(more)
        else:
            facet = self.facet_owner(start, m)
            if facet is not None:
                subjects.append(facet)
        if not subjects:
            return None
        return _unique(subjects), self.toks.start(start)

    def is_predicate(self, j: int) -> bool:
        """A clause's predicate starts at ``j``: a modal, or a directive in the passive ("is invited to")."""
        kind = self.kinds[j]
        return kind == "MODAL" or (kind == "BE" and self.is_passive_directive(j))

    def first_predicate(self) -> int:
        """The index of the sentence's first predicate (its length if none), worked out once."""
        if self._first_predicate is None:
            found = (j for j, kind in enumerate(self.kinds) if kind in ("MODAL", "BE") and self.is_predicate(j))
            self._first_predicate = next(found, len(self.kinds))
        return self._first_predicate

    def joined_subject(self, m: int) -> int | None:
        """The ``and`` that joins a new clause's subject to the clause before the modal at ``m``.

        "... and the Secretariat [and the CTD] shall": the index of the first ``and`` of
        the actors that stand right before ``m``, or ``None`` if none do.
        """
        k = m - 1
        joint = None
        while k > 0 and self.kind(k) == "ACTOR" and self.kind(k - 1) in ("AND", "OR"):
            joint = k - 1
            k -= 2
        return joint

    def subject_start(self, start: int, m: int) -> int:
        """Where the subject of the predicate at ``m`` begins, given the nearest boundary.

        When the stretch after the nearest comma is a modifier ("Developed country Members
        that do not yet provide ..., defined at the tariff line level, shall"), the subject
        is the actor phrase that opens an earlier stretch, as long as no stretch in between
        has a verb of its own.  A stretch that opens on "and" / "or" and a subject is a
        clause of its own (", and the waiver shall terminate"; not ", and should consider").
        """
        first = self.clause_head(start)
        if self.kind(start) in ("AND", "OR") and first < m:
            return first
        k = start - 1
        while k > 0 and self.kind(self.clause_head(start)) not in ("ACTOR", "WE", "PRONOUN"):
            # (a relative or subordinate clause between commas modifies, verb and all: "The
            # CTD, which reports to the General Council, shall", "The DSB, when it meets, shall")
            modifier = self.kind(start) == "REL" or self.low(start) in self.ctx.lex.subordinators
            if self.kind(k) != "COMMA" or (not modifier and any(self.is_finite(j) for j in range(start, m))):
                break
            j = k - 1
            while j >= 0 and self.kind(j) not in ("COMMA", "SEMI", "COLON", "STOP", "THAT"):
                j -= 1
            if self.kind(j) == "THAT" and not self.is_complementiser(j):
                j -= 1
                while j >= 0 and self.kind(j) not in ("COMMA", "SEMI", "COLON", "STOP", "THAT"):
                    j -= 1
            if self.kind(self.clause_head(j + 1)) in ("ACTOR", "WE", "PRONOUN"):
                return self.clause_head(j + 1)
            start, k = j + 1, j
        return first

    def clause_head(self, start: int) -> int:
        while self.kind(start) == "AND" or self.is_adverb(start):
            start += 1
        return start

    def facet_owner(self, start: int, m: int) -> Actor | None:
        """ "The regular sessions of the Committee on Agriculture" -> the Committee."""
        words = []
        k = start
        while k < m and self.kind(k) == "WORD":
            words.append(self.toks.texts[k])
            k += 1
        if self.kind(k) != "OF" or self.kind(k + 1) != "ACTOR":
            return None
        phrase = " ".join(w for w in words if w.casefold() not in _w("determiners"))
        if phrase.casefold() in {f.casefold() for f in self.ctx.registry.facets}:
            return resolve_actor(self.toks.tok(k + 1), self.ctx)
        return None

    def modal_clause(self, m: int) -> int:
        modal = " ".join(self.lows[m].split())
        modality = Modality(self.ctx.lex.modals.get(modal, "obligation"))
        if self.kind(m + 1) == "NOT" and self.after_deadline(m + 1) == m + 1:  # not "shall not later than"
            modality = Modality.PROHIBITION
        found = self.subjects_before(m)
        if found is not None and any(a.surface[:3].casefold() == "no " for a in found[0]):
            modality = Modality.PROHIBITION  # "No Member shall impose ...": none may
        if found is None and self.kind(m - 1) in ("AND", "OR") and self.last_subjects:
            found = (self.last_subjects, self.toks.start(m))
        if found is None and self.frame is not None:
            # "(a) shall notify ..." under "Members:", "..., and shall report ..." under "Members shall notify:"
            opens = self.skip_adverbs(0) == m
            if opens or self.kind(m - 1) in ("AND", "OR"):
                found = (self.frame.subjects, self.toks.start(0 if opens else m))
        verb = self.verb_at(m + 1)
        if verb is not None and self.low(verb) == "neither":  # "shall neither introduce nor maintain"
            modality, verb = Modality.PROHIBITION, self.skip_adverbs(verb + 1)
        if verb is None and self.kind(m + 1) == "COMMA" and self.kind(m + 2) == "AND":
            return self.shared_predicate(m, found)
        if verb is None:
            if found is not None and self.opens_frame(m + 1):
                lead_in = tuple(tok for i, tok in _deadlines(self.toks) if i > m)
                self.opened = Frame(found[0], modality, lead_in)
                return self.inline_items(m + 1, found[0], modality)
            return m + 1
        if (
            self.kind(verb) == "BE"
            and found is not None
            and modality is not Modality.PROHIBITION
            and self.is_passive_directive(verb)
        ):
            # "Members shall be required to notify ...": the directive's force ("will not be
            # obliged to implement" exempts: no mandate)
            d = self.skip_adverbs(verb + 1)
            force = Modality(self.ctx.lex.directives[lemma(self.low(d))])
            self.last_subjects = found[0]
            return self.verb_phrase(self.skip_adverbs(self.directive_to(d) + 1), found[0], force, start=found[1])
        if (
            self.kind(verb) == "BE"
            and found is not None
            and self.kinds[-1] == "COLON"
            and self.lists_responsibilities(verb)
        ):
            self.opened = Frame(found[0], modality)  # "shall be responsible for:" + "(a) examining ..."
            return len(self.kinds)
        if self.kind(verb) == "BE" and self.responsibility(verb) is None:
            before = len(self.found)
            end = self.passive(verb, modality, m)
            if len(self.found) == before:
                self.note_own_term(m, verb)
            return end
        if found is not None and self.lists_tasks(verb):
            # "The Working Group shall have the following terms of reference:" + "(a) to examine ..."
            self.opened = Frame(found[0], modality)
            return len(self.kinds)
        if found is None:
            self.note_unknown_acronym(m)
            self.note_own_term(m, verb)
            return verb + 1
        subjects, start = found
        self.last_subjects = subjects
        if self.kind(verb) == "WORD" and lemma(self.low(verb)) in self.ctx.lex.catenatives and self.refrains(verb + 1):
            modality = Modality.PROHIBITION  # "Members will endeavour not to apply ..."
        if self.final_colon(verb + 1):
            # "Members shall notify:" over "(a) their measures; (b) ..., and shall report ...":
            # a clause of the items that has no subject of its own has theirs
            self.opened = Frame(subjects, None)
        return self.verb_phrase(verb, subjects, modality, start=start)

    def inline_items(self, i: int, subjects: tuple[Actor, ...], modality: Modality) -> int:
        """After "shall:", the items written on in the same paragraph ("Each Member shall:
        (a) notify ...; and (b) provide ..."): each item's verb phrase; where they end."""
        kinds, n = self.kinds, len(self.kinds)
        k, read = i, False
        while k + 3 < n:
            if kinds[k] == "LPAR" and kinds[k + 2] == "RPAR" and kinds[k - 1] in ("COLON", "SEMI", "AND", "COMMA"):
                v = self.skip_adverbs(k + 3)
                if self.kind(v) in ("WORD", "HAVE") and is_verb(lemma(self.low(v))):
                    force = Modality.PROHIBITION if "NOT" in kinds[k + 3 : v] else modality
                    k, read = max(k + 1, self.verb_phrase(v, subjects, force, start=self.toks.start(k))), True
                    continue
            k += 1
        return k if read else i + 1

    def opens_frame(self, i: int) -> bool:
        """After a modal, a colon that hands the sub-items below their verbs ("shall:"), also
        after a few words that are no verb ("shall, inter alia:", "shall, in particular:")
        or a phrase set off by a comma ("shall, upon request:", "shall, by 31 December 2027:")."""
        last = len(self.kinds) - 1
        if self.kind(i) == "COMMA" and self.kinds[last] == "COLON" and last - i <= 14:
            return not any(k in ("MODAL", "SEMI", "STOP", "COLON") for k in self.kinds[i + 1 : last])
        for j in range(i, min(i + 6, len(self.kinds))):
            kind = self.kinds[j]
            if kind == "COLON":
                return j == i or self.final_colon(j)
            if kind not in ("COMMA", "WORD") or (kind == "WORD" and is_verb(lemma(self.lows[j]))):
                return False
        return False

    def shared_predicate(self, m: int, found: tuple[tuple[Actor, ...], int] | None) -> int:
        """ "Developed country Members shall, and developing country Members ... should,
        provide ...": each subject with its own modal, one verb phrase for both."""
        close = self.closing_comma(m + 1, across_modal=True)
        if close is None:
            return m + 1
        verb = self.skip_adverbs(close + 1)
        if self.kind(verb) not in ("WORD", "DIRECTIVE"):
            return m + 1
        end = m + 1
        for k in [m] + [j for j in range(m + 2, close) if self.kind(j) == "MODAL"]:
            subject = found if k == m else self.subjects_before(k)
            if subject is None:
                continue
            modal = " ".join(self.low(k).split())
            modality = Modality(self.ctx.lex.modals.get(modal, "obligation"))
            end = self.verb_phrase(verb, subject[0], modality, start=subject[1])
        return end

    def note_unknown_acronym(self, m: int) -> None:
        """An acronym as subject ("The CRO shall examine ...") is likely a body the registry lacks."""
        j = m - 1
        while j >= 0 and self.kind(j) not in ("COMMA", "SEMI", "COLON", "THAT", "STOP"):
            j -= 1
        words = [self.toks.texts[k] for k in range(j + 1, m) if self.kinds[k] == "WORD"]
        acronyms = [w for w in words[:2] if re.fullmatch(r"[A-Z]{2,6}s?", w)]
        if acronyms:
            self.ctx.diagnostics.append(
                Diagnostic(
                    f"no mandate: the subject {acronyms[0]!r} looks like a body the registry does not know; "
                    f"add it with wtotext.registry().add(name, aliases=[{acronyms[0]!r}])",
                    self.ctx.to_span(self.toks.start(m), self.toks.end(m)),
                    code="unknown-subject",
                )
            )

    def note_own_term(self, m: int, verb: int) -> None:
        """A clause with no conduct whose subject is the instrument itself ("This Decision
        shall expire on ...", "and the waiver shall terminate on ..."): its dates are the
        instrument's own term, no deadline of the conduct before it."""
        j = m - 1
        while j >= 0 and m - j <= _SHORT_SCAN and self.kinds[j] not in _CLAUSE_BOUNDS:
            j -= 1
        if _names_instrument(self.lows, j + 1, m):
            self.own_terms.append(verb)

    def is_passive_directive(self, be: int) -> bool:
        """A directive in the passive at ``be``: "is requested to", "are, in particular, urged to".

        In the past ("were invited to", "had been requested to") it reports a request: a
        statement, not conduct (rule 7).
        """
        if self.kind(be) != "BE" or self.low(be) in ("was", "were", "been"):
            return False
        d = self.skip_adverbs(be + 1)
        if "NOT" in self.kinds[be + 1 : d]:  # "are not required to": an exemption, no mandate
            return False
        return lemma(self.low(d)) in self.ctx.lex.directives and self.is_infinitive(self.directive_to(d))

    def directive_to(self, d: int) -> int:
        """The ``to`` after a directive's participle at ``d``: past "upon" ("called upon to"),
        a second participle ("requested and encouraged to") and one parenthetical."""
        k = d + 1
        if self.low(k) in ("upon", "on") and lemma(self.low(d)) == "call":
            k += 1
        if self.kind(k) == "AND" and lemma(self.low(k + 1)) in self.ctx.lex.directives:
            k += 2
        return self.past_parenthetical(k)

    def passive_directive(self, be: int) -> int:
        """ "The Director-General is requested to report ...", "Members are encouraged to ..."."""
        if not self.is_passive_directive(be):
            return be + 1
        found = self.subjects_before(be)
        if found is None:
            return be + 1
        d = self.skip_adverbs(be + 1)
        to = self.directive_to(d)  # "is requested, in cooperation with ..., to prepare"
        modality = Modality(self.ctx.lex.directives[lemma(self.low(d))])
        v = self.skip_adverbs(to + 1)
        return self.verb_phrase(v, found[0], modality, start=found[1])

    def passive(self, be: int, modality: Modality, m: int) -> int:
        """ "shall be reviewed by the Ministerial Conference" -> the Conference, review."""
        participle = self.skip_adverbs(be + 1)
        word = self.low(participle)
        if self.kind(participle) != "WORD" or not (
            word.endswith(("ed", "en", "ne", "wn", "ht", "pt")) or (lemma(word) != word and is_verb(lemma(word)))
        ):
            return be + 1  # ("made": an irregular participle)
        k = self.skip_adverbs(participle + 1)  # "shall be reviewed annually by ..."
        if (self.low(k) in _w("particles") and self.kind(k + 1) in ("BY",)) or self.low(k) in ("up", "out"):
            k += 1
        if not ((self.kind(k) == "BY" or self.low(k) == "in") and self.kind(k + 1) == "ACTOR"):
            k = self.agent_after(k)  # "kept under review by ...", "referred to the General Council by ..."
        if (self.kind(k) == "BY" or self.low(k) == "in") and self.kind(k + 1) == "ACTOR":
            agents = [k + 1]  # "considered by the CTD and the CTE"
            while self.kind(agents[-1] + 1) == "AND" and self.kind(agents[-1] + 2) == "ACTOR":
                agents.append(agents[-1] + 2)
            end = self.phrase_end(agents[-1] + 1)
            for a in agents:
                agent = resolve_actor(self.toks.tok(a), self.ctx)
                if agent is not None:
                    self.add(agent, lemma(self.low(participle)), modality, participle, end, self.toks.start(m))
            return end
        return participle + 1

    def agent_after(self, k: int) -> int:
        """The ``by`` of a passive's agent past what completes the participle: where it goes
        ("circulated to Members by", "referred to the General Council by") or a phrase of the
        lexicon ("kept under review by", "taken into account by"); else ``k``."""
        ends = list(self.phrase_ends(k, _w("passive_complements")))
        if ends:
            return ends[0]
        if self.kind(k) != "TO" or self.is_infinitive(k):
            return k
        for j in range(k + 1, min(k + 7, len(self.kinds))):
            kind = self.kinds[j]
            if kind == "BY":
                return j
            if kind not in ("WORD", "ACTOR", "OF") or (kind == "WORD" and self.lows[j].endswith("ed")):
                return k  # a clause, or another participle ("the body convened by ...")
        return k

    def after_subject(self, s: int) -> int:
        """The verb after the subject at ``s``: adverbs and a parenthetical skipped ("We, therefore, agree")."""
        return self.skip_adverbs(self.past_parenthetical(self.skip_adverbs(s + 1)))

    def we_clause(self, w: int) -> int:
        j = self.after_subject(w)
        issuer = resolve_actor(self.toks.tok(w), self.ctx)
        if issuer is None:  # "we" always names the issuer; kept total all the same
            return w + 1
        word = lemma(self.low(j))
        if self.kind(j) == "DIRECTIVE":
            return self.directive(j, None, start=self.toks.start(w))
        if (committed := self.issuer_commitment(j)) is not None:
            v, modality = committed
            self.last_subjects = (issuer,)
            return self.verb_phrase(v, (issuer,), modality, start=self.toks.start(w))
        if word in _w("renewals") and self.present_commitment(w) is not None:
            return self.commitment_clause(w)  # "We reaffirm our commitment to conclude ...", as "Members ..."
        # A statement ("We take note", "We recall"): only directives coordinated with it count.
        return self.verb_phrase(j, (issuer,), Modality.OBLIGATION, start=self.toks.start(w), statement=True)

    def issuer_commitment(self, j: int) -> tuple[int, Modality] | None:
        """After "We": a binding catenative at ``j``, the verb phrase it commits to and its force."""
        if self.kind(j) != "WORD" or not self.binds(j):
            return None
        k = self.past_reflexive(j)  # "We commit ourselves to ..."
        if self.to_gerund(k + 1):  # "We commit to eliminating ..."
            return self.skip_adverbs(k + 2), Modality.OBLIGATION
        if k != j and self.is_infinitive(k + 1):
            return self.skip_adverbs(k + 2), Modality.OBLIGATION
        # with a noun object the catenative is the verb: "We commit ourselves to the objective
        # of ...", "We undertake all reasonable efforts"
        to_noun = k != j and self.kind(k + 1) == "TO" and self.low(k + 2) in _w("determiners")
        noun_object = self.low(j + 1) in _w("determiners") and self.low(j + 2) != "following"
        if to_noun or self.is_infinitive(j + 1) or self.opens_list(j + 1) or noun_object:
            return j, Modality.OBLIGATION
        if self.refrains(j + 1):  # "We undertake not to impose ...": a prohibition
            return self.skip_adverbs(j + 3), Modality.PROHIBITION
        return None

    def subjunctive(self, a: int) -> bool:
        """``that ACTOR V`` with V a bare verb: "that the Negotiating Group on Rules continue"."""
        if not self.is_complementiser(a - 1) and a - 1 != 0:
            return False
        return self.is_base_verb(a + 1)

    def subjunctive_clause(self, a: int) -> int:
        actor = resolve_actor(self.toks.tok(a), self.ctx)
        if actor is None:
            return a + 1
        return self.verb_phrase(a + 1, (actor,), Modality.OBLIGATION, start=self.toks.start(a))

    def statement_verb(self, a: int) -> int | None:
        """A statement in the present by the actor at ``a`` that a commitment follows ("Members reaffirm
        their commitment to the Work Programme and agree to continue examining it"): the statement's verb."""
        v = self.skip_adverbs(a + 1)
        if self.kind(v) != "WORD" or not self.is_present(v):
            return None
        return v if self.commitment_ahead(v + 1) else None

    def commitment_ahead(self, k: int) -> bool:
        """Does "and" + a commitment come at or after ``k``, before a full stop, semicolon or modal?

        Worked out once for the whole sentence, from its end: asked at every subject, a
        scan ahead each time would make a long list of statements quadratic.
        """
        if self._ahead is None:
            kinds = self.kinds
            ahead = [False] * (len(kinds) + 1)
            for j in range(len(kinds) - 1, -1, -1):
                if kinds[j] in ("STOP", "SEMI", "MODAL"):
                    ahead[j] = False
                elif kinds[j] == "AND" and self.commits(self.skip_adverbs(j + 1)):
                    ahead[j] = True
                else:
                    ahead[j] = ahead[j + 1]
            self._ahead = ahead
        return k < len(self._ahead) and self._ahead[k]

    def statement_clause(self, a: int, verb: int) -> int:
        actor = resolve_actor(self.toks.tok(a), self.ctx)
        if actor is None:
            return a + 1
        return self.verb_phrase(verb, (actor,), Modality.OBLIGATION, start=self.toks.start(a), statement=True)

    def commits(self, j: int) -> bool:
        """A catenative with its infinitive at ``j``: "agree to V", "commit to V", "agree to:"."""
        return (
            self.kind(j) == "WORD"
            and lemma(self.low(j)) in self.ctx.lex.catenatives
            and self.is_present(j)
            and (self.is_infinitive(self.skip_adverbs(j + 1)) or self.opens_list(j + 1))
        )

    def binds(self, j: int) -> bool:
        """A catenative in the present at ``j`` that binds its subject ("agree", "undertakes"),
        not one that describes ("LDC Members continue to face ...")."""
        word = lemma(self.low(j))
        lex = self.ctx.lex
        return word in lex.catenatives and word not in lex.descriptive_catenatives and self.is_present(j)

    def past_reflexive(self, j: int) -> int:
        """After "commit ourselves" / "themselves" at ``j``, the reflexive's index, else ``j``."""
        return j + 1 if self.low(j + 1) in ("ourselves", "themselves", "itself") else j

    def to_gerund(self, i: int) -> bool:
        """``to`` at ``i`` before a gerund: "commit to eliminating ..."."""
        return self.kind(i) == "TO" and self.is_gerund(self.skip_adverbs(i + 1))

    def refrains(self, i: int) -> bool:
        """ "not to V" at ``i``, after a catenative: a commitment not to act."""
        return self.kind(i) == "NOT" and self.is_infinitive(i + 1)

    def present_commitment(self, a: int) -> int | None:
        """After a subject: "agree to V" or "reaffirm their commitment, ..., to V" -> index of V's ``to``."""
        j = a + 1
        while self.kind(j) in ("AND", "ACTOR") and j < a + 4:
            j += 1
        word = self.low(j)
        if self.kind(j) == "WORD" and self.binds(j):
            j = self.past_reflexive(j)  # "commit themselves to"
            if self.is_infinitive(j + 1) or self.opens_list(j + 1) or self.to_gerund(j + 1):
                return j + 1
            if self.final_colon(j + 1):  # "Members agree:" over sub-items
                return j + 1
            if self.refrains(j + 1):  # "Members undertake not to impose ..."
                return j + 2
            return None
        if (
            word in _w("renewals")
            and self.low(j + 1) in _w("possessives")
            and self.low(j + 2) in self.ctx.lex.catenative_nouns
        ):
            k = self.past_parenthetical(j + 3)
            if self.is_infinitive(k):
                return k
        return None

    def commitment_clause(self, a: int) -> int:
        to = self.present_commitment(a)
        actor = resolve_actor(self.toks.tok(a), self.ctx)
        if actor is None or to is None:
            return a + 1
        subjects = [actor]
        k = a + 1
        while self.kind(k) in ("AND",) and self.kind(k + 1) == "ACTOR":
            more = resolve_actor(self.toks.tok(k + 1), self.ctx)
            if more is not None:
                subjects.append(more)
            k += 2
        self.last_subjects = _unique(subjects)
        if self.opens_list(to) or self.kind(to) == "COLON":  # "Members agree to: (a) ...", "Members agree:"
            self.opened = Frame(tuple(subjects), Modality.OBLIGATION)
            colon = to + 1 if self.opens_list(to) else to
            return self.inline_items(colon, tuple(subjects), Modality.OBLIGATION)  # the items may be written on
        verb = self.skip_adverbs(to + 1)
        # "Members undertake not to impose ...": a prohibition
        modality = Modality.PROHIBITION if self.kind(to - 1) == "NOT" else Modality.OBLIGATION
        return self.verb_phrase(verb, tuple(subjects), modality, start=self.toks.start(a))

    # -- directives ---------------------------------------------------------------------
    def addressees(self, i: int) -> tuple[list[Actor], int]:
        """The actors after a directive ("the General Council and its relevant bodies") and the index after."""
        actors: list[Actor] = []
        while self.kind(i) in ("ACTOR", "PRONOUN"):
            actor = resolve_actor(self.toks.tok(i), self.ctx)
            if actor is not None:
                actors.append(actor)
            i += 1
            if self.kind(i) in ("AND", "COMMA") and self.kind(i + 1) in ("ACTOR", "PRONOUN"):
                i += 1
            elif self.kind(i) == "COMMA" and self.kind(i + 1) == "AND" and self.kind(i + 2) == "ACTOR":
                i += 2
        return actors, i

    def opens_list(self, i: int) -> bool:
        """``to:`` at ``i``: the verbs follow as sub-items ("We agree to: (a) enhance ...; (b) ...")."""
        return self.kind(i) == "TO" and self.kind(i + 1) == "COLON"

    def is_gerund(self, i: int) -> bool:
        """A verb's -ing form at ``i`` ("examining", not "meeting" as a noun after "the")."""
        word = self.low(i)
        return self.kind(i) == "WORD" and word.endswith("ing") and is_verb(lemma(word))

    def after_postmodifier(self, i: int) -> int:
        """The ``to`` after a phrase that narrows the addressees, else ``i``.

        "encourage Members with available surplus stocks to release them", "urge Members
        that have not yet done so to ratify", "invite Members in a position to do so to
        contribute": a preposition or a relative word opens the phrase, and the
        infinitive that follows it, within the clause, is the directive's ("to do so"
        only stands for it).
        """
        j = i + 1 if self.kind(i) == "COMMA" else i
        if not (self.kind(j) in ("REL", "THAT") or self.low(j) in _w("postmodifier_openers")):
            return i
        for k in range(j + 1, min(j + _POSTMODIFIER_LENGTH, len(self.kinds))):
            if self.kind(k) in ("STOP", "SEMI", "COLON", "MODAL", "DIRECTIVE", "WE", "PURPOSE"):
                return i
            if self.is_infinitive(k) and not (self.low(k + 1) == "do" and self.low(k + 2) == "so"):
                return k
        return i

    def directive(self, d: int, director: Actor | None, *, start: int) -> int:
        """``instruct X to V``: mandates for X; ``director`` (when not the issuer) routes them."""
        verb = lemma(self.low(d))
        modality = Modality(self.ctx.lex.directives.get(verb, "obligation"))
        if verb == "call" and self.low(d + 1) in ("upon", "on"):
            d += 1
        actors, i = self.addressees(d + 1)
        actors = list(_unique(actors))
        if actors and self.opens_list(i):  # "We instruct the Committee on Agriculture to: (i) ..."
            self.opened = Frame(tuple(actors), modality)
            return self.inline_items(i + 1, tuple(actors), modality)  # the items may be written on
        if actors and self.low(i) == "with" and self.is_gerund(i + 1):  # "task the CTD with examining"
            return self.verb_phrase(
                i + 1, tuple(actors), modality, start=self.toks.start(d + 1), via=director, directed=True
            )
        through = self.routing(i) if actors and not self.is_infinitive(i) else None
        if through is not None:
            # "instruct the General Council, in particular through the CTD, to examine": the
            # CTD's task, routed through the General Council
            routed = resolve_actor(self.toks.tok(through + 1), self.ctx)
            if routed is not None:
                v = self.skip_adverbs(through + (4 if self.kind(through + 2) == "COMMA" else 3))
                return self.verb_phrase(
                    v, (routed,), modality, start=self.toks.start(through + 1), via=actors[0], directed=True
                )
        if actors and not self.is_infinitive(i):
            past = self.past_parenthetical(i)  # "invite the Director-General, as appropriate, to report"
            i = past if self.is_infinitive(past) else self.after_postmodifier(i)
        if not actors or not self.is_infinitive(i):
            return d + 1
        v = self.skip_adverbs(i + 1)
        return self.verb_phrase(v, tuple(actors), modality, start=self.toks.start(d + 1), via=director, directed=True)

    # -- verb phrases -------------------------------------------------------------------
    def verb_phrase(
        self,
        v: int,
        subjects: tuple[Actor, ...],
        modality: Modality,
        *,
        start: int,
        via: Actor | None = None,
        statement: bool = False,
        directed: bool = False,
    ) -> int:
        """Read the verb phrase at ``v`` for ``subjects``; add its mandates; return where it ends.

        ``directed``: the phrase is what a directive asks of its addressees, so another
        directive with its own addressee after "and" is the director's, not theirs.
        The phrases coordinated with it are read in turn, in a loop: a chain of thousands
        of them is no deeper a call than one.
        """
        step: int | _Phrase = _Phrase(v, subjects, modality, start, via, statement, directed)
        while isinstance(step, _Phrase):
            step = self.one_verb_phrase(step)
        return step

    def one_verb_phrase(self, phrase: _Phrase) -> int | _Phrase:
        """One verb phrase: where it ends, or the phrase coordinated with it that comes next."""
        v, subjects, modality, start, via, statement, directed = phrase
        if not statement and (listed := self.catenative_list(v)) is not None:
            self.opened = Frame(subjects, modality)  # "We agree to:", "shall continue to:"
            return self.inline_items(listed - 1, subjects, modality)  # the items may be written on
        v, verb = self.main_verb(v)
        if verb is None:
            return v + 1
        by_issuer = all(s.name == self.ctx.issuer for s in subjects)
        if self.kind(v) == "DIRECTIVE" or (
            verb in self.ctx.lex.directives and self.kind(v + 1) in ("ACTOR", "PRONOUN")
        ):
            director = None if by_issuer else subjects[0]
            end = self.phrase_end(v + 1) if director is not None and not statement else None
            if end is not None:
                for s in subjects:
                    self.add(s, verb, modality, v, end, start, via)
            after = self.directive(v, director, start=start)
            if end is not None and after == v + 1:
                after = end  # no addressee: "request consultations and notify ...", the phrase goes on
            return self.coordinated(
                after, subjects, modality, via=via, statement=statement, start=start, directed=directed
            )
        if statement or verb in self.ctx.lex.non_conduct:
            end = self.phrase_end(v + 1)
            return self.coordinated(end, subjects, modality, via=via, statement=True, start=start, directed=directed)
        # "with examining the proposals and reporting to ...": a gerund's coordinates are gerunds
        gerund = self.is_gerund(v)
        end = self.phrase_end(self.shared_verbs(v) + 1, gerund=gerund)
        for s in subjects:
            self.add(s, verb, modality, v, end, start, via)
        return self.coordinated(
            end, subjects, modality, via=via, statement=False, start=start, gerund=gerund, directed=directed
        )

    def catenative_list(self, v: int) -> int | None:
        """After catenatives that end in ``to:`` ("agree to:", "continue to:"), the index after the colon."""
        for _ in range(4):
            if self.kind(v) != "WORD" or lemma(self.low(v)) not in self.ctx.lex.catenatives:
                return None
            nxt = self.skip_adverbs(v + 1)
            if self.opens_list(nxt):
                return nxt + 2
            if not self.is_infinitive(nxt):
                return None
            v = self.skip_adverbs(nxt + 1)
        return None

    def main_verb(self, v: int) -> tuple[int, str | None]:
        """The verb that carries the mandate: catenatives, perfects and gerunds looked through."""
        for _ in range(4):
            kind = self.kind(v)
            if kind == "HAVE":
                k = self.skip_adverbs(v + 1)
                if self.kind(k) == "WORD" and self.kind(k + 1) == "TO" and lemma(self.lows[k]) == self.lows[k]:
                    return v, "have"  # "have recourse to", "have regard to": a noun, no participle
                after = self.after_deadline(k)  # "shall have until 1 January 2030 to comply"
                v = self.skip_adverbs(after + 1) if after != k and self.is_infinitive(after) else k
                continue
            if kind == "BE" and (gerund := self.responsibility(v)) is not None:
                v = gerund  # "(shall continue to) be responsible for monitoring ..."
                continue
            if kind == "COMMA" and (after := self.past_parenthetical(v)) != v:
                v = self.skip_adverbs(after)  # "to, inter alia, examine"
                continue
            if kind not in ("WORD", "DIRECTIVE"):
                return v, None
            word = lemma(self.low(v))
            if word in self.ctx.lex.catenatives:
                # "endeavour, to the extent possible, to notify", "continue, in Dedicated Session, examining"
                nxt = self.skip_adverbs(self.past_parenthetical(self.skip_adverbs(self.past_reflexive(v) + 1)))
                if self.is_infinitive(nxt) or self.to_gerund(nxt):  # "shall commit to eliminating"
                    v = self.skip_adverbs(nxt + 1)
                    continue
                if self.is_gerund(nxt):
                    v = nxt
                    continue
            if kind == "WORD" and (word in _w("determiners") or not self.toks.texts[v].islower()):
                return v, None  # the syntax promised a verb; this is not one
            return v, word
        return v, None

    def shared_verbs(self, v: int) -> int:
        """Verbs that share one object with the verb at ``v`` ("examine and report on X",
        "have provided, and continue to provide on an annual basis, X"): the index of the last."""
        while True:
            j = v + 1
            if self.kind(j) == "COMMA" and self.kind(j + 1) in ("AND", "OR"):
                j += 1
            if self.kind(j) not in ("AND", "OR"):
                return v
            k = self.skip_adverbs(j + 1)
            if self.kind(k) in ("TO",):
                k = self.skip_adverbs(k + 1)
            if self.kind(k) == "HAVE":
                k = self.skip_adverbs(k + 1)
            if self.kind(k) not in ("WORD", "DIRECTIVE") or not is_verb(lemma(self.low(k))):
                return v
            if self.kind(k) == "DIRECTIVE" and self.addressed(k):
                return v  # "report and invite Members to ...": a directive has an object of its own
            nxt, _ = self.main_verb(k)
            if nxt == k and self.kind(k + 1) in ("TO", "OF"):
                return v
            v = nxt
            if self.kind(v + 1) == "COMMA":  # "continue to provide on an annual basis, additional ..."
                close = self.closing_comma(v + 1)
                if close is None:
                    return v

    def phrase_end(self, i: int, *, gerund: bool = False) -> int:
        """Where the verb phrase that continues at ``i`` ends (a token index, exclusive).

        ``gerund``: the phrase's verb is a gerund, so "and" + a gerund with its own
        complement starts the next one.
        """
        depth = 0
        relative = embedded = False
        kinds = self.kinds
        n = len(kinds)
        begin = i
        for i in range(begin, n):
            kind = kinds[i]
            if kind not in _PHRASE_MARKS:
                continue  # most tokens are words, and no word ends a phrase
            if kind == "LPAR":
                depth += 1
            elif kind == "RPAR":
                depth = max(0, depth - 1)
            elif depth == 0:
                if kind in ("STOP", "SEMI"):
                    return i
                if kind == "COLON":
                    return i
                if kind == "REL" or (kind == "THAT" and not self.is_complementiser(i)):
                    relative = True  # a relative clause: its verbs are its own, up to the next comma
                elif kind == "THAT":
                    embedded = True  # a clause object ("ensure that ..."), to the end of the sentence
                elif kind == "COMMA":
                    free = not relative and not embedded
                    relative = False
                    if (
                        free
                        and self.kind(i + 1) == "AND"
                        and (self.starts_coordinate(i + 1, gerund=gerund) or self.kind(i + 2) == "WE")
                    ):
                        return i
                    if free and self.is_infinitive(i + 1):
                        return i
                    if free and self.list_verb(i + 1, gerund=gerund) and self.list_closes(i, gerund=gerund):
                        return i
                    if free and self.takes_object(i + 1) and self.list_closes(i, serial=False):
                        return i  # "compile X, prepare a summary and circulate it"
                    if free and self.kind(i + 1) == "ACTOR" and self.kind(self.skip_adverbs(i + 2)) == "MODAL":
                        return i
                elif kind == "MODAL" and not relative:
                    return self.subject_boundary(begin, i)  # "..., and Members shall ..." is not ours
                elif not relative and not embedded:
                    if kind in ("AND", "OR") and self.starts_coordinate(i, gerund=gerund):
                        return i
                    if kind == "AND" and self.kind(i + 1) == "WE":  # "... and we encourage X to": a clause of its own
                        return i
                    if kind == "AND" and self.kind(i + 1) == "ACTOR" and self.is_infinitive(i + 2):
                        return i  # "instruct the CTS to examine X and the CTG to consider Y"
                    if kind == "AND" and (
                        self.is_passive_directive(i + 1)
                        or (self.kind(i + 1) == "ACTOR" and self.is_passive_directive(i + 2))
                    ):
                        # "..., and Members are urged to ...", "... and are encouraged to ...": a
                        # clause of its own, as before a modal
                        return i - 1 if kinds[i - 1] == "COMMA" else i
                    if kind == "PURPOSE":
                        return i
                    if kind == "THROUGH" and self.routes(i):
                        return i
                    if kind == "TO" and self.is_infinitive(i) and not self.after_participle(i):
                        return i
        return n

    def subject_boundary(self, begin: int, m: int) -> int:
        """Where the clause of the modal at ``m`` starts, if after ``begin``: its comma or 'and'."""
        j = m - 1
        while j > begin and self.kind(j) not in ("COMMA", "AND", "SEMI", "THAT"):
            j -= 1
        if j <= begin:
            return m
        if self.kind(j) == "AND" and self.kind(j - 1) == "COMMA":
            j -= 1
        return j

    def starts_coordinate(self, i: int, *, gerund: bool = False) -> bool:
        """``and`` at ``i`` opens a new verb phrase ("and report to ...", "and to adhere", "and shall inform").

        After a gerund (``gerund``), so does a gerund with a complement ("examining the
        proposals and reporting to the Council"); a bare one is a noun ("and training.").
        """
        j = self.skip_adverbs(self.past_parenthetical(i + 1))
        if gerund and self.is_gerund(j) and self.kind(j + 1) not in ("STOP", "SEMI", "COMMA", "AND", "OR", "END"):
            return True
        if self.kind(j) in ("MODAL", "DIRECTIVE"):
            return True
        if self.kind(j) == "TO":
            return self.is_infinitive(j)
        if self.kind(j) == "HAVE":
            return True
        return self.kind(j) == "WORD" and is_verb(self.low(j)) and self.kind(j + 1) not in ("OF", "RPAR")

    def routing(self, i: int) -> int | None:
        """The ``through`` that routes a task right after a directive's addressees ("[,]
        [particularly | in particular] through the CTD[,] to ..."), else None."""
        j = self.skip_adverbs(i + 1 if self.kind(i) == "COMMA" else i)
        if self.lows[j : j + 2] == ["in", "particular"]:
            j += 2
        return j if self.kind(j) == "THROUGH" and self.routes(j) else None

    def routes(self, i: int) -> bool:
        """``through`` at ``i`` routes a task: "through the CTD to examine", "through the CTD, to examine"."""
        if self.kind(i + 1) != "ACTOR":
            return False
        return self.is_infinitive(i + 2) or (self.kind(i + 2) == "COMMA" and self.is_infinitive(i + 3))

    def coordinated(
        self,
        i: int,
        subjects: tuple[Actor, ...],
        modality: Modality,
        *,
        via: Actor | None,
        statement: bool,
        start: int,
        gerund: bool = False,
        directed: bool = False,
    ) -> int | _Phrase:
        """After a verb phrase that ended at ``i``: the phrase coordinated or routed with it, or
        where the whole ends (after a purpose phrase, a list)."""
        kind = self.kind(i)
        if kind == "THROUGH" and self.kind(i + 1) == "ACTOR":
            routed = resolve_actor(self.toks.tok(i + 1), self.ctx)
            v = self.skip_adverbs(i + (4 if self.kind(i + 2) == "COMMA" else 3))
            if routed is not None:
                router = None if all(s.name == self.ctx.issuer for s in subjects) else subjects[0]
                return _Phrase(v, (routed,), modality, self.toks.start(i + 1), router, False, directed)
            return i + 1
        if kind == "COMMA" and self.kind(i + 1) == "AND":
            i += 1
            kind = "AND"
        if directed and kind == "AND" and self.kind(i + 1) == "ACTOR" and self.is_infinitive(i + 2):
            # "instruct the CTS to examine X and the CTG to consider Y": the directive again, understood
            addressee = resolve_actor(self.toks.tok(i + 1), self.ctx)
            if addressee is not None:
                v = self.skip_adverbs(i + 3)
                return _Phrase(v, (addressee,), modality, self.toks.start(i + 1), via, False, directed)
        if kind in ("AND", "OR") and self.starts_coordinate(i, gerund=gerund):
            j = self.skip_adverbs(self.past_parenthetical(i + 1))
            if self.kind(j) == "MODAL":
                return j  # the modal clause reads itself, inheriting the subject
            if directed and self.kind(j) == "DIRECTIVE" and self.addressed(j):
                return i  # "instruct the CTD to report and invite Members to ...": the director's
            if statement and self.commits(j):
                statement = False  # "We take note of the report and agree to continue the work"
            if self.kind(j) == "TO":
                j = self.skip_adverbs(j + 1)
                if modality is Modality.PROHIBITION:  # "undertake not to impose X and to notify Y"
                    modality = Modality.OBLIGATION
            return _Phrase(j, subjects, modality, start, via, statement, directed)
        if kind == "COMMA" and self.is_infinitive(i + 1) and self.list_closes(i):
            return _Phrase(self.skip_adverbs(i + 2), subjects, modality, start, via, statement, directed)
        if kind == "COMMA" and self.list_verb(i + 1, gerund=gerund) and self.list_closes(i, gerund=gerund):
            return _Phrase(i + 1, subjects, modality, start, via, statement, directed)
        if kind == "COMMA" and self.takes_object(i + 1) and self.list_closes(i, serial=False):
            # "compile the notifications, prepare a summary and circulate it": no comma before
            # "and", but a verb with its object opens the item
            return _Phrase(i + 1, subjects, modality, start, via, statement, directed)
        return self.skip_purpose(i)

    def after_participle(self, i: int) -> bool:
        """ "the steps taken to provide ...": an infinitive completing a participle, not a purpose."""
        word = self.low(i - 1)
        return (
            self.kind(i - 1) == "WORD"
            and word.endswith(("ed", "en", "wn", "ne"))
            and lemma(word) != word
            and is_verb(lemma(word))
        )

    def bare_verb(self, i: int) -> bool:
        """A verb in its base form at ``i`` (a list item: "involve X, take Y, and recognize Z")."""
        return self.is_base_verb(i) and self.kind(i + 1) not in ("OF", "COMMA", "STOP", "AND")

    def list_verb(self, i: int, *, gerund: bool = False) -> bool:
        """A verb that opens an item of a list of verb phrases: in its base form, or a gerund after a gerund
        ("conducting the work, reviewing progress, and considering decisions")."""
        return self.bare_verb(i) or (gerund and self.is_gerund(i) and self.kind(i + 1) not in ("COMMA", "STOP", "AND"))

    def takes_object(self, i: int) -> bool:
        """A verb in its base form at ``i`` right before a determiner or an actor ("prepare a summary")."""
        return self.bare_verb(i) and (self.low(i + 1) in _w("determiners") or self.kind(i + 1) == "ACTOR")

    def list_closes(self, i: int, *, gerund: bool = False, serial: bool = True) -> bool:
        """A ", to V" or ", V" series is a list of mandates only if it ends with ", and (to) V"
        (or, not ``serial``, with "and V" and no comma)."""
        k = i + 1
        depth = 0
        kinds = self.kinds
        while k < len(kinds):
            kind = kinds[k]
            if kind in ("STOP", "SEMI", "PURPOSE"):
                return False
            if kind == "LPAR":
                depth += 1
            elif kind == "RPAR":
                depth -= 1
            elif depth <= 0 and kind == "COMMA" and self.kind(k + 1) == "AND":
                j = self.past_parenthetical(k + 2)
                return self.is_infinitive(j) or self.list_verb(j, gerund=gerund)
            elif depth <= 0 and not serial and kind == "AND" and self.kind(k - 1) != "COMMA":
                return self.list_verb(k + 1)
            k += 1
        return False

    def skip_purpose(self, i: int) -> int:
        """A purpose phrase or an infinitive of purpose runs to the end of the sentence or clause."""
        kind = self.kind(i)
        if kind in ("PURPOSE", "TO") or (kind == "COMMA" and self.is_infinitive(i + 1)):
            k = i + 1
            kinds = self.kinds
            while k < len(kinds) and kinds[k] not in ("STOP", "SEMI"):
                if kinds[k] == "MODAL" and not self.in_relative(k):
                    return k - 1 if self.kind(k - 1) in ("AND",) else k
                if kinds[k] == "WE":
                    return k
                k += 1
            return k
        return i

    def add(
        self,
        body: Actor,
        verb: str,
        modality: Modality,
        v: int,
        end: int,
        start: int,
        via: Actor | None = None,
    ) -> None:
        # "examine the matter[,] [particularly | in particular] through the CTD[,] to ..."
        if self.kind(end) == "THROUGH":
            if end - 1 > v and self.is_adverb(end - 1):
                end -= 1
            elif end - 2 > v and self.lows[end - 2 : end] == ["in", "particular"]:
                end -= 2
            if end - 1 > v and self.kind(end - 1) == "COMMA":
                end -= 1
        end_offset = self.toks.end(end - 1 if end > v else v)
        verb_at = self.toks.start(v)
        self.found.append(_Found(body, verb, modality, verb_at, end_offset, min(start, verb_at), v, via))


@lru_cache(maxsize=16)
def _phrases_from(phrases: tuple[str, ...] | frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases of the lexicon as word sequences ("no later than"), by first word, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted((tuple(p.split()) for p in phrases), key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    return {first: tuple(found) for first, found in by_first.items()}


def _unique(actors: Sequence[Actor]) -> tuple[Actor, ...]:
    """One actor per canonical name ("Least developed countries and net food-importing
    developing countries" are both Members: one mandate)."""
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.name, actor)
    return tuple(seen.values())


# --------------------------------------------------------------------------- deadlines


def _deadlines(sentence: Tokens) -> Iterator[tuple[int, Tok]]:
    """The dates and years of a sentence that set a limit, with their indexes (a bare year carries its own date)."""
    kinds = sentence.kinds
    if "DATE" not in kinds and "YEAR" not in kinds:
        return  # most sentences have none
    for i, kind in enumerate(kinds):
        if kind in ("DATE", "YEAR") and _is_deadline(sentence, i):
            tok = sentence.tok(i)
            yield i, tok._replace(iso=(tok.text,)) if kind == "YEAR" else tok


def _is_deadline(sentence: Tokens, i: int) -> bool:
    kinds, lows = sentence.kinds, sentence.lows
    prev = lows[i - 1] if i > 0 else None
    if kinds[i] == "DATE":
        if prev in ("dated", "since"):  # "received since 1 January 2026": a start, no limit
            return False
        if i > 1 and kinds[i - 1] == "OF" and (kinds[i - 2] == "REF" or lows[i - 2] in _w("dated_nouns")):
            return False
        # "the Decision of the General Council of 30 August 2003": a document's author, then its date
        authored = i > 3 and kinds[i - 1] == "OF" and kinds[i - 2] == "ACTOR" and kinds[i - 3] == "OF"
        if authored and lows[i - 4] in _w("dated_nouns"):
            return False
        # "adopted on 25 September 1998", "received after 1 January 2026" date an event, not a limit
        return not (prev in ("on", "after") and i > 1 and lows[i - 2].endswith("ed"))
    if kinds[i] == "YEAR":
        if prev == "of" and i > 1:  # "at its first meeting of 2028": a meeting's year
            return lows[i - 2] in _w("meetings")
        return prev is not None and prev in _w("temporal")
    return False


def _assign_deadlines(found: list[_Found], sentence: Tokens, own_terms: list[int]) -> None:
    """Each date goes to the mandate whose stretch of the sentence holds it: to each of
    them when several subjects share the stretch ("The CTD and the CTE shall examine it by
    June 2027"); a date in the stretch of the instrument's own term goes to none."""
    dated = list(_deadlines(sentence))
    if not dated:
        return
    by_region: dict[int, list[_Found]] = {at: [] for at in own_terms}
    for f in found:
        by_region.setdefault(f.region, []).append(f)
    regions = sorted(by_region)
    for i, tok in dated:
        region = regions[max(0, bisect_right(regions, i) - 1)]  # the last stretch that starts at or before it
        for f in by_region[region]:
            f.deadlines.append(tok)
