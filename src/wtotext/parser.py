"""Building the Lark parsers (once, lazily) and running them.

Both grammars are loaded from the installed package (``wtotext/grammars``), with the
data-built terminals of :mod:`wtotext.lexicon` appended.  A parser is built the first
time it is needed and reused until the body registry changes.

Building the document parser (the grammar's analysis and LALR tables) and working out
the clause scanner's pattern cost more than loading them, and every batch worker and
command-line run starts from nothing, so both are kept between processes in cache files
(Lark's ``cache=`` for the parser, a JSON file for the pattern), each made again
whenever the grammar text (an edited registry changes it), Lark or Python differs.  The
files live in ``$WTOTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/wtotext``, else
``~/.cache/wtotext``; ``WTOTEXT_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from re import _constants as sre  # the stdlib's regex parser, as Lark uses it to size terminals
from re import _parser as sre_parse
from typing import Any

import lark
from lark.load_grammar import load_grammar

from wtotext.bodies import registry
from wtotext.lexicon import atom_trie, lexicon, terminal_definitions


@cache
def _grammar_text(name: str) -> str:
    return resources.files("wtotext").joinpath(f"grammars/{name}.lark").read_text(encoding="utf-8")


def _full_text(name: str) -> str:
    """A grammar with the terminals the data files define."""
    return _grammar_text(name) + "\n" + _terminals(registry().version)


@cache
def _terminals(version: int) -> str:
    return terminal_definitions(registry(), lexicon())


@cache
def _build(name: str, version: int) -> lark.Lark:
    # The document parser runs on every parse; the clause parser only in the tests and
    # strategies (the scanner reads the clause grammar's terminals).  One cache file: Lark
    # stores the hash of the grammar text in it and builds again (and rewrites the file)
    # when the text differs, as it does for an edited registry.
    cache_file = _cache_file(name) if name == "document" else None
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


def _cache_file(name: str, *, suffix: str = ".cache") -> Path | None:
    """Where ``name`` is cached (by Python and Lark version), or None when there is no usable cache folder."""
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
    return Path(folder) / f"{name}-lark{lark.__version__}-py{python}{suffix}"


def _read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from a cache file; None when it is missing or damaged (it is then written again)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write a cache file whole or not at all (another process may be reading it), or skip it if it can't be."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


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
    Two things make it cheaper than trying every terminal at every word, without
    changing what it matches:

    * consecutive terminals that are plain words (``TO``, ``AND``, ``BE`` ...) are one
      group, ``KEYWORD``, and consecutive ones that are single characters (``COMMA``,
      ``LPAR`` ...) another, ``CHAR``: :func:`literal_kinds` says which terminal a word
      or character of those groups is;
    * the terminals tried before them (dates, actors, modals, directives ...: the
      multi-word ones, first by priority) sit behind one lookahead, the ways they can
      begin (read from their regular expressions), so that most words skip them with
      one test.
    """
    return _scanner(registry().version)


@cache
def _scanner(version: int) -> re.Pattern[str]:
    # Working the pattern out reads the whole grammar and every terminal's regex; it is
    # kept in the cache folder beside the document parser, under the hash of the grammar
    # text and of the code that works it out (read only when there is a cache to check).
    text = _full_text("clause")
    cache_file = _cache_file("clause-scanner", suffix=".json")
    digest = "" if cache_file is None else hashlib.sha256(text.encode("utf-8") + _pattern_code()).hexdigest()
    stored = _read_json(cache_file) if cache_file is not None else None
    if stored is not None and stored.get("grammar") == digest:
        pattern, kinds = stored["pattern"], stored["kinds"]
    else:
        pattern, kinds = _scanner_pattern(text)
        if cache_file is not None:
            _write_json(cache_file, {"grammar": digest, "pattern": pattern, "kinds": kinds})
    _LITERAL_KIND[version] = kinds
    return re.compile(pattern)


@cache
def _pattern_code() -> bytes:
    """The code that works the pattern out (this module and the lexicon's tries): a change to it makes a new pattern."""
    modules = (sys.modules[__name__], sys.modules[atom_trie.__module__])
    try:
        return b"".join(Path(module.__file__ or "").read_bytes() for module in modules)
    except OSError:  # not installed as files: the version stands for the code
        from wtotext import __version__

        return __version__.encode("ascii")


def _scanner_pattern(grammar_text: str) -> tuple[str, dict[str, str]]:
    """The scanner's regex for a clause grammar, and the terminal of each literal its merged groups match."""
    # The grammar's terminals are all the scanner needs: compiling the grammar gives them
    # without the LALR tables and lexers that building a parser adds.  (Lark's own loader,
    # the one Lark() calls first; it has no type annotations.)
    grammar, _ = load_grammar(grammar_text, "clause.lark", None, False)  # type: ignore[no-untyped-call]
    defined, _, ignore = grammar.compile(["start"], set())
    ignored = set(ignore)
    terminals = sorted(
        (t for t in defined if t.name not in ignored),
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    alternatives: list[tuple[str, str]] = []  # (group, regex) in the order they are tried
    merged: dict[str, dict[str, str]] = {"KEYWORD": {}, "CHAR": {}}  # group -> literal -> terminal
    for t in terminals:
        regexp = t.pattern.to_regexp()
        literals = {"KEYWORD": _literal_words(regexp), "CHAR": _literal_chars(regexp)}
        group = next((g for g, found in literals.items() if found is not None), None)
        # a terminal joins its group only next to the group's others: merging across
        # another terminal would change which one is tried first
        if group is None or (merged[group] and alternatives[-1][0] != group):
            alternatives.append((t.name, regexp))
            continue
        if not merged[group]:
            alternatives.append((group, ""))
        merged[group].update(dict.fromkeys(literals[group] or (), t.name))
    groups = [f"(?P<{group}>{regexp or _literal_alternation(group, merged[group])})" for group, regexp in alternatives]
    # the terminals before the first merged group, behind a lookahead of how they begin
    lead = next((i for i, (group, _) in enumerate(alternatives) if group in merged), len(alternatives))
    guard = _beginnings([regexp for _, regexp in alternatives[:lead]]) if lead > 1 else None
    if guard is not None:
        groups[:lead] = [f"(?={guard})(?:{'|'.join(groups[:lead])})"]
    return rf"\s*(?:{'|'.join(groups)})", merged["KEYWORD"] | merged["CHAR"]


#: For each scanner, the terminal of each word of its ``KEYWORD`` group and each
#: character of its ``CHAR`` group.
_LITERAL_KIND: dict[int, dict[str, str]] = {}


def literal_kinds() -> dict[str, str]:
    """The terminal name of each word the scanner reports as ``KEYWORD`` and character it reports as ``CHAR``."""
    clause_scanner()
    return _LITERAL_KIND[registry().version]


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


def _literal_chars(pattern: str) -> list[str] | None:
    """The characters of a terminal that is one character or a set of them (``,`` ``["\u201c]``), else None."""
    parsed = sre_parse.parse(pattern)
    if len(parsed) != 1 or parsed.state.flags & re.IGNORECASE:
        return None
    op, arg = parsed[0]
    if op is sre.LITERAL:
        return [chr(arg)]
    if op is sre.IN and all(item is sre.LITERAL for item, _ in arg):
        return [chr(code) for _, code in arg]
    return None


def _literal_alternation(group: str, literals: dict[str, str]) -> str:
    if group == "CHAR":
        return "[" + "".join(re.escape(char) for char in sorted(literals)) + "]"
    # a trie: a word tests its first letter against each branch once, not against every literal
    return r"\b" + atom_trie(literals) + r"\b"


# --------------------------------------------------------------------------- how a regex can begin
#
# The scanner's lookahead is built from what each leading terminal's regular expression
# can match first: a literal prefix ("the", "shall") or a class of characters ("[A-Z]",
# "\d").  The walk over the parsed expression (the stdlib's own parser, as Lark's
# width computation uses it) only ever widens: a zero-width test (\b, a lookaround) is
# skipped, anything it does not follow ends the prefix there, so every match of the
# terminal starts with one of the beginnings found.

_MAX_BEGINNINGS = 5_000
_WORDLIKE = re.compile(r"\w|\\[-']")


def _beginnings(patterns: list[str]) -> str | None:
    """A regex that matches wherever one of ``patterns`` can match (at the same place), or None."""
    found: set[tuple[str, ...]] = set()
    for pattern in patterns:
        parsed = sre_parse.parse(pattern)
        if parsed.state.flags & re.IGNORECASE:
            return None  # the walk reads letters as written
        try:
            paths = _walk(list(parsed), {()})
        except _TooMany:
            return None
        found |= {_first_word(path) for path in paths}
    if () in found:
        return None  # some terminal can begin anywhere: no test would skip anything
    # a lookahead needs only the shortest: "Board" says all that "Board(" does
    shortest = {path for path in found if not any(path[:n] in found for n in range(1, len(path)))}
    return atom_trie(shortest)


class _TooMany(Exception):
    pass


_Path = tuple[str, ...]  # regex atoms, each matching one character


def _walk(items: list[tuple[Any, Any]], paths: set[_Path]) -> set[_Path]:
    """The beginnings of ``items`` matched after each of ``paths``."""
    for k, (op, arg) in enumerate(items):
        rest = items[k + 1 :]
        if op is sre.LITERAL:
            paths = {(*path, re.escape(chr(arg))) for path in paths}
        elif op is sre.IN and all(item is sre.LITERAL for item, _ in arg) and len(arg) <= 4:
            paths = {(*path, re.escape(chr(code))) for path in paths for _, code in arg}
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        elif op is sre.SUBPATTERN and not arg[1] & re.IGNORECASE:
            return _walk(list(arg[3]) + rest, paths)
        elif op is sre.BRANCH:
            return set().union(*(_walk(list(branch) + rest, paths) for branch in arg[1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, body = arg
            # at most once ("an?"): what follows it goes on the path; a longer repeat ends it
            once = _walk(list(body) + rest, paths) if high == 1 else _walk(list(body), paths)
            return (once | _walk(rest, paths)) if low == 0 else once  # min 0: it may be skipped
        else:  # one character of a class ends the beginning; anything else ends it before
            char = _one_char(op, arg)
            return {(*path, char) for path in paths} if char else paths
        if len(paths) > _MAX_BEGINNINGS:
            raise _TooMany
    return paths


def _one_char(op: Any, arg: Any) -> str | None:
    """The regex of an item that matches one character of a class, else None."""
    if op is sre.NOT_LITERAL:
        return "[^" + re.escape(chr(arg)) + "]"
    if op is sre.CATEGORY:
        return _CATEGORIES.get(arg)
    if op is not sre.IN:
        return None
    parts = []
    for item, value in arg:
        if item is sre.NEGATE:
            parts.append("^")
        elif item is sre.LITERAL:
            parts.append(re.escape(chr(value)))
        elif item is sre.RANGE:
            parts.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif item is sre.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            return None
    return "[" + "".join(parts) + "]"


_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _first_word(path: _Path) -> _Path:
    """A path cut after its first word and the atom after it (a shorter beginning is a wider test)."""
    for i, atom in enumerate(path):
        if not _WORDLIKE.fullmatch(atom):
            return path[: i + 1]
    return path


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
