"""The genre's vocabulary, loaded from data files, and the grammar terminals built from it.

``data/lexicon.toml`` holds opener words, directive verbs, modals and the like;
``data/bodies.toml`` (through :mod:`wtotext.bodies`) the names of bodies.  The
grammars in ``grammars/`` use terminals such as ``OPENER`` or ``ACTOR`` without
defining them: :func:`terminal_definitions` writes those definitions from the data,
so that teaching the parser a new opener or alias is a data change.

>>> lex = lexicon()
>>> lex.modals["shall not"]
'prohibition'
>>> "Recalling" in lex.openers
True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

import attrs

from wtotext.bodies import Registry

#: A WTO document symbol: a series prefix, then slash-separated parts
#: (``WT/L/274``, ``WT/MIN(01)/DEC/1``, ``G/AG/5/Rev.10``).
SYMBOL = (
    r"\b(?:WT|TN|IP|G|S|JOB|PC|MTN|SPS|TBT|ITA|GPA)"
    r"(?:/(?:[A-Za-z0-9\-]|\([A-Za-z0-9]{1,4}\))+(?:\.(?:[A-Za-z0-9\-]|\([A-Za-z0-9]{1,4}\))+)*)+"
)

#: One or more symbols on a line, separated the way headers print them
#: (``WT/MIN(15)/42 • WT/L/977``, ``WT/MIN(13)/32, WT/L/907``).
SYMBOL_LIST = rf"(?:{SYMBOL})(?:\s*(?:[,;|\u2022\u2013\u2014\-]|and)?\s*(?:{SYMBOL}))*"

#: A line that is nothing but symbols (white space around them allowed).
SYMBOL_LINE = rf"^\s*{SYMBOL_LIST}\s*$"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: The short forms of the months' names, written with or without a full stop ("31 Dec. 2025", "Sept. 30, 2026").
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")


@attrs.frozen
class Lexicon:
    """The word lists of ``data/lexicon.toml``."""

    openers: tuple[str, ...]
    opener_adverbs: tuple[str, ...]
    opener_adverbs_after: frozenset[str]
    operative_markers: tuple[str, ...]
    formula_verbs: tuple[str, ...]
    operative_verbs: tuple[str, ...]
    directives: dict[str, str]
    modals: dict[str, str]
    catenatives: frozenset[str]
    descriptive_catenatives: frozenset[str]  # in the present with no modal: a statement
    catenative_nouns: frozenset[str]
    complement_takers: frozenset[str]
    purpose: tuple[str, ...]
    subordinators: frozenset[str]
    introducers: tuple[str, ...]
    connectives: tuple[str, ...]
    non_conduct: frozenset[str]
    deadline_prepositions: tuple[str, ...]
    anchors: tuple[str, ...]
    words: dict[str, frozenset[str]]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Lexicon:
        return cls(
            openers=tuple(data["preamble"]["openers"]),
            opener_adverbs=tuple(data["preamble"].get("adverbs", ())),
            opener_adverbs_after=frozenset(data["preamble"].get("adverbs_after", ())),
            operative_markers=tuple(data["operative"]["markers"]),
            formula_verbs=tuple(data["operative"].get("formula_verbs", ())),
            operative_verbs=tuple(data["operative"].get("verbs", ())),
            directives=dict(data["directives"]),
            modals=dict(data["modals"]),
            catenatives=frozenset(data["catenatives"]["verbs"]),
            catenative_nouns=frozenset(data["catenatives"].get("nouns", ())),
            descriptive_catenatives=frozenset(data["catenatives"].get("descriptive", ())),
            complement_takers=frozenset(data["complement_takers"]["verbs"]),
            purpose=tuple(data["purpose"]["phrases"]),
            subordinators=frozenset(data["subordinators"]["words"]),
            introducers=tuple(data.get("introducers", {}).get("words", ())),
            connectives=tuple(data.get("connectives", {}).get("words", ())),
            non_conduct=frozenset(data["non_conduct"]["verbs"]),
            deadline_prepositions=tuple(data["deadlines"]["prepositions"]),
            anchors=tuple(data["deadlines"]["anchors"]),
            words={name: frozenset(values) for name, values in data["words"].items()},
        )


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon (read once)."""
    raw = resources.files("wtotext").joinpath("data/lexicon.toml").read_text(encoding="utf-8")
    return Lexicon.from_dict(tomllib.loads(raw))


def alternation(words: Iterable[str], *, flexible_space: bool = True, either_case_first: bool = False) -> str:
    r"""A regex matching any of ``words``, the longest that fits first.

    The words are laid out as a trie (``Council(?:\s+for\s+(?:TRIPS|Trade...)|...)?``)
    rather than one flat ``|`` list: the regex engine then settles each letter once
    instead of trying every word in turn, and since every word that matches at a place
    is a prefix of every longer one that does, the trie, which tries continuing before
    stopping, prefers the longest word exactly as the flat list sorted longest first
    does.  A run of spaces matches any run of spaces (unless ``flexible_space`` is false);
    ``either_case_first`` lets a word's first letter be upper or lower case.

    >>> alternation(["on", "of", "or the"])
    '(?:o(?:f|n|r\\s+the))'
    """
    spelled: list[list[str]] = []
    for word in set(words):
        variants = {word}
        if either_case_first and word[:1].isalpha():
            variants = {word[0].upper() + word[1:], word[0].lower() + word[1:]}
        for variant in variants:
            if flexible_space:  # a run of spaces is one gap: "\s+\s+" in a trie would end words early
                spelled.append(
                    [r"\s+" if part[0] == " " else re.escape(part) for part in re.findall(r" +|[^ ]", variant)]
                )
            else:
                spelled.append([re.escape(char) for char in variant])
    return atom_trie(spelled)


def atom_trie(sequences: Iterable[Sequence[str]]) -> str:
    r"""A regex matching any of ``sequences`` of regex atoms, the longest that fits first, as a trie.

    >>> atom_trie([["a", r"\d"], ["a", "b"], ["a"]])
    '(?:a(?:\\d|b)?)'
    """
    trie: _Trie = {}
    for atoms in sequences:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}  # a sequence ends here
    return "(?:" + _trie_pattern(trie) + ")"


#: A trie of regex atoms; the key "" marks the end of a word.
_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie) -> str:
    branches = [atom + _trie_pattern(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    if "" in node:  # a word may stop here: try the longer ones first
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def actor_pattern(registry: Registry) -> str:
    """Regex for an actor phrase: a known name or alias, a Member class, or an unknown body.

    The longer, generic shapes come first so that ``Work Programme on Small Economies``
    is one actor and not ``Work Programme`` followed by words.
    """
    cap = r"(?:[A-Z][\w'\u2019\-]*|TRIPS|GATS|GATT)"
    heads = alternation(registry.unknown_heads)
    joiner = (
        # "to" joins a name ("Barriers to Trade") but "to the ..." starts a new phrase; so
        # does "and the ..." or "and" before another body ("Goods and the Council for ...")
        r"(?:\s+(?:of|on|for|in|to(?!\s+the\b)|the|with)\s+(?:the\s+)?|\s+and\s+(?!the\b|"
        + heads
        + r"\b)|\s+|,\s+(?="
        + cap
        + r"(?:\s+"
        + cap
        + r")*\s+and\s))"
    )
    name = cap + "(?:" + joiner + cap + ")*"
    links = alternation(registry.unknown_links)
    states = alternation(registry.states)
    unknown = rf"(?:{heads}\s+{links}\s+(?:the\s+)?{name})"
    state = rf"(?:{states}\s+of\s+(?:the\s+)?{name})"
    modifiers = alternation(registry.member_modifiers, either_case_first=True)
    # "developing country Members", "developed and developing country Members", "small and
    # vulnerable economy Members"
    members = rf"(?:(?:{modifiers}(?:\s+and\s+|[\s\-]+)){{1,4}}(?:(?:country|economy)\s+)?Members?\b|Members?\b)"
    known = alternation(registry.surfaces(), either_case_first=True)
    named = alternation(registry.member_names)  # "Cuba", "the European Union": Members by name
    bare = rf"(?:(?<=the\s)|(?<=The\s)|(?<=this\s)|(?<=This\s)|(?<=that\s))(?:[A-Z][a-z]+\s+)?{heads}\b"
    # A cheap first test: an actor starts with a capital or with a word that some
    # lower-case name or Member modifier starts with ("relevant bodies", "developing").
    lower_firsts = {s.split()[0] for s in (*registry.surfaces(), *registry.member_modifiers) if s[0].islower()}
    starts = rf"(?=[A-Z]|{alternation(lower_firsts)}\b)"
    return rf"{starts}(?:{unknown}|{state}|{members}|{known}(?![\w\-])|{named}(?![\w\-])|{bare})"


def third_person(verb: str) -> str:
    """The third person singular of a regular verb: instructs, urges, approaches.

    >>> third_person("instruct"), third_person("approach")
    ('instructs', 'approaches')
    """
    return verb + "es" if verb.endswith(("sh", "ch", "s", "x")) else verb + "s"


def _inflect(verbs: Iterable[str]) -> list[str]:
    """Base and third-person forms, lower case and capitalised: instruct, instructs, Instructs."""
    forms = []
    for verb in verbs:
        for form in (verb, third_person(verb)):
            forms += [form, form.capitalize()]
    return forms


def formula_verb_forms(lex: Lexicon) -> list[str]:
    """The verbs of a formula that decides, as the formula writes them: "decide", "decides"."""
    return [form for verb in lex.formula_verbs for form in (verb, third_person(verb))]


def _with_capitals(words: Iterable[str]) -> list[str]:
    """The words as written and in capitals: "Decides", "DECIDES"."""
    return list(dict.fromkeys(form for word in words for form in (word, word.upper())))


def terminal_definitions(registry: Registry, lex: Lexicon) -> str:
    """Lark definitions of the data-built terminals that the grammars use."""
    # an enacting formula may use any name of the body ("The Council for Trade-Related
    # Aspects of Intellectual Property Rights,"), not only the canonical one; it and the
    # marker may be printed in capitals ("THE GENERAL COUNCIL,", "DECIDES:")
    names = [*(s for s in registry.surfaces() if s[:1].isupper()), "Ministers"]
    issuers = alternation(_with_capitals(names))
    # an opener, also after an adverb that it then starts in lower case ("Also noting")
    after_adverb = alternation([opener[:1].lower() + opener[1:] for opener in lex.openers])
    opener_adverbs = alternation(lex.opener_adverbs)
    openers = f"(?:{opener_adverbs}\\s+{after_adverb}|{alternation(lex.openers)})"
    # (in lower case after "Hereby": "Hereby decides:")
    markers = alternation(_with_capitals(lex.operative_markers), either_case_first=True)
    deciding = alternation(_with_capitals(formula_verb_forms(lex)))
    # the issuer's verbs and the directives' third-person forms ("Instructs", "Calls")
    directing = [third_person(verb) for verb in lex.directives]
    issuer_verbs = alternation([*lex.operative_verbs, *directing], either_case_first=True)
    subordinators = alternation([w.capitalize() for w in lex.subordinators] + ["Notwithstanding", "Pending"])
    introducers = alternation([w[:1].upper() + w[1:] for w in lex.introducers])
    connectives = alternation(lex.connectives)
    months = "(?:" + alternation(MONTHS) + "|" + alternation(MONTH_ABBREVIATIONS) + r"\.?)"
    lines = [
        f"ISSUER_NAME: /{issuers}/",
        f"OPENER_WORDS: /{openers}/",
        f"OPENER_ADVERB: /{opener_adverbs}/",
        f"MARKER_WORDS: /{markers}/",
        f"DECIDING_WORDS: /{deciding}/",
        f"ISSUER_VERB: /{issuer_verbs}/",
        f"SUBORDINATOR: /{subordinators}/",
        f"INTRODUCER: /{introducers}/",
        f"CONNECTIVE: /{connectives}/",
        f"ACTOR_PHRASE: /{actor_pattern(registry)}/",
        f"MONTH_NAME: /{months}/",
        f"MODAL_WORDS: /{alternation(lex.modals)}/",
        f"DIRECTIVE_WORDS: /{alternation(_inflect(lex.directives))}/",
        f"PURPOSE_WORDS: /{alternation(lex.purpose)}/",
        f"ANCHOR: /{alternation(lex.anchors)}/",
        f"REF.5: /{SYMBOL}/",
    ]
    return "\n".join(_slash_safe(line) for line in lines) + "\n"


def _slash_safe(definition: str) -> str:
    """Escape the slashes inside a ``NAME: /regex/`` definition for Lark."""
    name, _, pattern = definition.partition(": /")
    body = pattern[:-1]
    return f"{name}: /" + re.sub(r"(?<!\\)/", r"\\/", body) + "/"
