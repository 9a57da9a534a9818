"""Building the Lark parsers (once, lazily) and running them.

Both grammars are loaded from the installed package (``wtotext/grammars``), with the
data-built terminals of :mod:`wtotext.lexicon` appended.  A parser is built the first
time it is needed and reused until the body registry changes.

Building the document parser (the grammar's analysis and LALR tables) costs more than
loading it, and every batch worker and command-line run starts from nothing, so the
parser for the shipped body registry is kept between processes in a cache file (Lark's
``cache=``: it is rebuilt whenever the grammar text, Lark or Python changes).  The file
lives in ``$WTOTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/wtotext``, else
``~/.cache/wtotext``; ``WTOTEXT_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from importlib import resources
from pathlib import Path

import lark
from lark.load_grammar import load_grammar

from wtotext.bodies import registry
from wtotext.lexicon import lexicon, terminal_definitions


@cache
def _grammar_text(name: str) -> str:
    return resources.files("wtotext").joinpath(f"grammars/{name}.lark").read_text(encoding="utf-8")


def _full_text(name: str) -> str:
    """A grammar with the terminals the data files define."""
    return _grammar_text(name) + "\n" + terminal_definitions(registry(), lexicon())


@cache
def _build(name: str, version: int) -> lark.Lark:
    # One cache file a grammar: Lark stores the hash of the grammar text in it and builds
    # again (and rewrites the file) when the text differs, as it does for an edited registry.
    cache_file = _cache_file(name)
    caching: dict[str, object] = {}
    if cache_file is not None:
        # cache_grammar: a parser loaded from the cache keeps its grammar (hypothesis.extra.lark reads it)
        caching = {"cache": str(cache_file), "cache_grammar": True}
    return lark.Lark(
        _full_text(name),
        parser="lalr",
        lexer="contextual",
        start="document" if name == "document" else "start",
        propagate_positions=False,
        maybe_placeholders=False,
        **caching,
    )


def _cache_file(name: str) -> Path | None:
    """Where the parser of grammar ``name`` is cached, or None when there is no usable cache folder."""
    folder = os.environ.get("WTOTEXT_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "wtotext")
    if not folder:
        return None
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    python = "".join(map(str, sys.version_info[:2]))
    return Path(folder) / f"{name}-lark{lark.__version__}-py{python}.cache"


def document_parser() -> lark.Lark:
    """The LALR parser of ``grammars/document.lark`` for the current registry."""
    return _build("document", registry().version)


def clause_parser() -> lark.Lark:
    """The LALR parser of ``grammars/clause.lark`` for the current registry."""
    return _build("clause", registry().version)


def clause_scanner() -> re.Pattern[str]:
    """The terminals of ``clause.lark`` as one regular expression, one named group each.

    The alternatives are in the order Lark's own lexer tries them (priority, then
    width), so ``clause_scanner`` and ``clause_parser().lex`` agree token for token.
    """
    return _scanner(registry().version)


@cache
def _scanner(version: int) -> re.Pattern[str]:
    # The grammar's terminals are all the scanner needs: compiling the grammar gives them
    # without the LALR tables and lexers that building a parser adds.  (Lark's own loader,
    # the one Lark() calls first; it has no type annotations.)
    grammar, _ = load_grammar(_full_text("clause"), "clause.lark", None, False)  # type: ignore[no-untyped-call]
    defined, _, ignore = grammar.compile(["start"], set())
    ignored = set(ignore)
    terminals = sorted(
        (t for t in defined if t.name not in ignored),
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    alternatives: list[str] = []
    keywords: dict[str, str] = {}
    for t in terminals:
        words = _literal_words(t.pattern.to_regexp())
        if words is None:
            alternatives.append(f"(?P<{t.name}>{t.pattern.to_regexp()})")
            continue
        if not keywords:
            alternatives.append("(?P<KEYWORD>{keywords})")
        keywords.update(dict.fromkeys(words, t.name))
    _KEYWORD_KIND[version] = keywords
    pattern = "|".join(alternatives).replace("{keywords}", _word_alternation(keywords))
    return re.compile(rf"\s*(?:{pattern})")


#: For each scanner, the terminal each keyword belongs to (the scanner matches all
#: one-word terminals of the same priority as one group: fewer alternatives to try).
_KEYWORD_KIND: dict[int, dict[str, str]] = {}


def keyword_kinds() -> dict[str, str]:
    """The terminal name of each word the scanner reports as ``KEYWORD``."""
    clause_scanner()
    return _KEYWORD_KIND[registry().version]


def _literal_words(pattern: str) -> list[str] | None:
    """The words of a ``\\b(?:w|w)\\b`` terminal (with ``[Xx]`` first letters), else None."""
    match = re.fullmatch(r"\\b(?:\(\?:)?((?:\[[A-Za-z]{2}\])?[a-z]+(?:\|(?:\[[A-Za-z]{2}\])?[a-z]+)*)\)?\\b", pattern)
    if match is None:
        return None
    words: list[str] = []
    for alt in match.group(1).split("|"):
        if alt.startswith("["):
            words += [alt[1] + alt[4:], alt[2] + alt[4:]]
        else:
            words.append(alt)
    return words


def _word_alternation(words: dict[str, str]) -> str:
    return r"\b(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + r")\b"


def parse_document(text: str) -> lark.Tree[lark.Token]:
    """Run the document parser over a normalised text (Lark errors pass through)."""
    return document_parser().parse(text)


def describe_expected(expected: set[str]) -> str:
    """Lark's expected terminals in words a reader can act on."""
    words = {
        "ENACTING": "an enacting formula such as 'The Ministerial Conference,'",
        "MARKER": "'Decides:' or 'Decides as follows:'",
        "NUMBERED": "a numbered paragraph ('1. ...')",
        "TO_PARA": "an operative paragraph such as 'To instruct the General Council to ...'",
        "OP_PROSE": "an operative sentence such as 'Members shall ...'",
        "RECITAL": "a preambular paragraph ('Recalling ...')",
    }
    found = [words[name] for name in words if name in expected]
    return ", or ".join(found) if found else ", ".join(sorted(expected))
