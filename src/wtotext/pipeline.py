"""The whole flow for one document: text -> normalise -> parse -> build -> Decision."""

from __future__ import annotations

import os

import attrs
import lark

from wtotext.bodies import registry
from wtotext.build import build
from wtotext.errors import ParseError, position
from wtotext.lexicon import lexicon
from wtotext.nodes import Decision, Diagnostic
from wtotext.normalise import Normalised, normalise
from wtotext.parser import describe_expected, parse_document
from wtotext.read import html_to_text, looks_like_html, read_path


def parse(text: str, *, source: str | None = None) -> Decision:
    """Parse the text of a decision or declaration into a :class:`~wtotext.nodes.Decision`.

    HTML markup is converted to text first (spans then refer to that text, kept in
    ``Decision.text``).  Text that is not a decision raises :class:`ParseError`.

    Examples:
        >>> d = parse("The General Council,\\n\\nDecides:\\n\\n1. To hold a review by 31 July 2026.\\n")
        >>> [(m.body.name, m.verb, m.deadlines) for m in d.mandates()]
        [('General Council', 'hold', ('2026-07-31',))]
    """
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise ParseError("the input is empty", line=1, column=1, expected="the text of a decision")
    norm = normalise(text)
    if not norm.text:
        raise ParseError("the input has no text", line=1, column=1, expected="the text of a decision")
    try:
        tree = parse_document(norm.text)
    except lark.UnexpectedInput as err:
        raise _parse_error(err, norm) from None
    return build(norm, tree, registry=registry(), lex=lexicon(), source=source)


def parse_file(path: str | os.PathLike[str]) -> Decision:
    """Read a file (plain text or HTML, any common encoding) and parse it.

    The decision's ``source`` is the path as given; what the reader noticed (a file
    that is not UTF-8 read as cp1252, say) is among its diagnostics, code ``encoding``.
    """
    read = read_path(path)
    return with_read_notes(parse(read.text, source=os.fspath(path)), read.diagnostics)


def with_read_notes(decision: Decision, notes: tuple[str, ...]) -> Decision:
    """The decision with what the reader noticed (an encoding guessed, bytes replaced) as diagnostics."""
    if not notes:
        return decision
    extra = tuple(Diagnostic(note, None, "encoding") for note in notes)
    return attrs.evolve(decision, diagnostics=extra + decision.diagnostics)


def _parse_error(err: lark.UnexpectedInput, norm: Normalised) -> ParseError:
    expected: set[str] = set(getattr(err, "expected", None) or getattr(err, "allowed", None) or ())
    at_end = isinstance(err, lark.UnexpectedEOF) or (isinstance(err, lark.UnexpectedToken) and err.token.type == "$END")
    clean_at = len(norm.text) if at_end else (err.pos_in_stream or 0)
    source_at = norm.source_offset(max(0, min(clean_at, len(norm.text)) - (1 if at_end else 0)))
    if at_end:
        source_at = len(norm.source.rstrip())
    line, column, excerpt = position(norm.source, source_at)
    if "RECITAL" in expected and "ENACTING" not in expected:
        message = "the preamble is not followed by an operative part"
    elif "ENACTING" in expected and at_end:
        message = "no decision found: the text has no enacting formula and no operative part"
    elif at_end:
        message = "the text ends before the decision is complete"
    else:
        message = "this block does not fit the structure of a decision here"
    return ParseError(
        message, line=line, column=column, excerpt=excerpt.strip()[:120], expected=describe_expected(expected)
    )
