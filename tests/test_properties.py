"""Properties of the parser, checked on generated decisions and on the corpus under noise.

The oracle is :mod:`wtotext.strategies`: it writes each decision's text from templates
of the genre and the tree that text must parse to, side by side.  The number of
examples comes from the Hypothesis profile (``WTOTEXT_HYPOTHESIS_PROFILE``: ``ci`` by
default, ``deep`` for 10,000 a property; see docs/how-to/property-testing.md).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import lark
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import wtotext
from tests.conftest import corpus_texts
from tests.test_corpus import _cleaned, _folded
from wtotext import Decision, OperativeParagraph, ParseError, Span, mandates
from wtotext.lexicon import alternation
from wtotext.normalise import normalise
from wtotext.parser import clause_parser, document_parser
from wtotext.read import read_bytes, read_path
from wtotext.render import comparable, render
from wtotext.strategies import decision_texts, decisions, noise, recitals

SURFACES = ["plain", "web-scrape", "pdf-extract", "html"]
CORPUS = {path.stem: read_path(path).text for path in corpus_texts()}
BASELINE = {name: wtotext.parse(text) for name, text in CORPUS.items()}


def reading(d: Decision) -> tuple[object, ...]:
    """What noise must not change: the mandates (body, verb, modality, via, deadlines) and the structure."""
    found = [
        (i, m.body.name, m.verb, m.modality.value, m.via.name if m.via else None, m.deadlines)
        for i, p in enumerate(d.operative, start=1)
        for m in p.all_mandates()
    ]
    return found, [r.opener for r in d.preamble], len(d.operative)


# --------------------------------------------------------------------------- round trips


@given(decisions())
def test_a_generated_decision_parses_back_from_its_rendering(d: Decision) -> None:
    assert comparable(wtotext.parse(render(d))) == comparable(d)


@given(decisions())
def test_a_generated_decisions_spans_point_into_its_rendering(d: Decision) -> None:
    assert render(d) == d.text
    check_spans(d, cleaned=False)


@given(decisions())
def test_the_json_record_of_a_generated_decision_reads_back_equal(d: Decision) -> None:
    assert Decision.from_dict(json.loads(json.dumps(d.to_dict())), text=d.text) == d


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_corpus_decision_parses_back_from_its_rendering(name: str) -> None:
    d = BASELINE[name]
    again = comparable(wtotext.parse(render(d)))
    expected = comparable(d)
    if d.footnotes:  # notes print after the operative part, so their citations come last
        again["references"], expected["references"] = sorted(again["references"]), sorted(expected["references"])
    assert again == expected


@pytest.mark.parametrize("surface", SURFACES)
@given(data=st.data())
def test_a_generated_text_parses_to_its_oracle(surface: str, data: st.DataObject) -> None:
    text, d = data.draw(decision_texts(surface))
    assert comparable(wtotext.parse(text)) == comparable(d)


# --------------------------------------------------------------------------- noise


@pytest.mark.parametrize("name", sorted(CORPUS))
@given(data=st.data())
def test_noise_changes_no_mandate_and_no_structure_of_a_corpus_document(name: str, data: st.DataObject) -> None:
    noisy = data.draw(noise(CORPUS[name]))
    assert reading(wtotext.parse(noisy)) == reading(BASELINE[name])


# --------------------------------------------------------------------------- spans


def _paragraph_spans(p: OperativeParagraph, top: OperativeParagraph) -> Iterator[tuple[str, str, Span, Span]]:
    """(kind, text, span, span of the parent it must lie in) for a paragraph and what it holds."""
    for m in p.mandates:
        yield "mandate", m.action, m.span, p.span
        if m.body.span is not None:
            yield "actor", m.body.surface, m.body.span, top.span
        for t in m.time_limits:
            yield "deadline", t.text, t.span, top.span
    for r in p.references:
        yield "reference", r.symbol, r.span, p.span
    for sub in p.subitems:
        yield "subitem", sub.text, sub.span, p.span
        yield from _paragraph_spans(sub, top)


def _ordered(spans: list[Span]) -> bool:
    return all(a.end <= b.start for a, b in itertools.pairwise(spans))


def check_spans(d: Decision, *, cleaned: bool = True) -> None:
    """Children inside parents, siblings ordered and disjoint, and the text under each span is the node's."""
    whole = Span(0, len(d.text))
    flat = attrs.evolve(d, text=d.text.replace("\r", " "))  # CRLF: "-\r\n" is a line-end hyphen too

    def under(span: Span) -> str:
        return _cleaned(flat.text, span, flat) if cleaned else _folded(span.slice(d.text))

    assert _ordered([r.span for r in d.preamble] + [p.span for p in d.operative])
    for r in d.preamble:
        assert whole.contains(r.span) and under(r.span) == r.text
        for ref in r.references:
            assert r.span.contains(ref.span) and under(ref.span) == ref.symbol
    for p in d.operative:
        assert whole.contains(p.span) and under(p.span) == p.text
        for kind, text, span, parent in _paragraph_spans(p, p):
            assert parent.contains(span), (kind, text, span, parent)
            if kind == "mandate":
                assert text in under(span), (kind, text, span)
            else:
                assert under(span) == text, (kind, text, span)
        nodes = [p]
        while nodes:
            node = nodes.pop()
            assert _ordered([s.span for s in node.subitems])
            nodes.extend(node.subitems)


@pytest.mark.parametrize("surface", SURFACES)
@given(data=st.data())
def test_spans_hold_on_generated_texts(surface: str, data: st.DataObject) -> None:
    text, _ = data.draw(decision_texts(surface))
    check_spans(wtotext.parse(text))


@pytest.mark.parametrize("name", sorted(CORPUS))
@given(data=st.data())
def test_spans_hold_on_noisy_corpus_documents(name: str, data: st.DataObject) -> None:
    check_spans(wtotext.parse(data.draw(noise(CORPUS[name]))))


# --------------------------------------------------------------------------- grammars

_BLOCKS = {
    "ENACTING": st.sampled_from(["The Ministerial Conference,", "The General Council,", "Ministers,"]),
    "ENACTING_DECIDES": st.just("The General Council decides as follows:"),
    "MARKER": st.sampled_from(["Decides:", "Decides as follows:", "Declare that:"]),
    "END_MARK": st.just("__________"),
    "ELISION": st.just("(...)"),
    "NOTE": st.builds("[{}] WT/L/{}.".format, st.integers(1, 9), st.integers(1, 999)),
    "NUMBERED": st.builds("{}. Members shall notify their schemes.".format, st.integers(1, 30)),
    "SUBITEM": st.sampled_from(["(a) the sectors concerned;", "(ii) transparency;", "b) customs duties;"]),
    "BULLET": st.just("- questions of classification;"),
    "RECITAL": recitals().map(lambda r: r.text),
    "TO_PARA": st.just("To instruct the CTD to report to the General Council."),
    "OP_PROSE": st.just("We agree to maintain the current practice."),
    "GERUND_LINE": st.just("Acting on the proposal of the Chair,"),
    "HEADING": st.sampled_from(["Export Subsidies", "Monitoring"]),
    "TITLE": st.sampled_from(["Agriculture", "Export Competition", "Issues Relating to LDCs"]),
    "LETTERED": st.sampled_from(
        ["II. The CTD shall review the notifications.", "B. Members shall notify their schemes."]
    ),
    "ANNEX": st.sampled_from(["ANNEX", "Annex 2", "ATTACHMENT", "Annex: Procedures for Notification"]),
    "NUMBERED_HEADING": st.sampled_from(
        ["1. Agreement on Agriculture", "II. EXPORT COMPETITION", "A. Final Provisions"]
    ),
    "CONTINUATION": st.just("including the work of the relevant bodies;"),
    "LINE": st.sampled_from(["Print this page.", "Geneva, 15-17 December 2011."]),
}


def _document_strings() -> st.SearchStrategy[str]:
    """Documents from document.lark: each block terminal drawn as a block of its kind, then a blank line."""
    grammar = document_parser()
    explicit = {name: strategy.map(lambda block: block + "\n\n") for name, strategy in _BLOCKS.items()}
    return from_lark(grammar, start="document", explicit=explicit)


@given(_document_strings())
def test_documents_generated_from_the_document_grammar_parse(text: str) -> None:
    document_parser().parse(text)
    assert isinstance(wtotext.parse(text), Decision)


@given(from_lark(clause_parser(), start="start"))
def test_texts_generated_from_the_clause_grammar_parse(text: str) -> None:
    assert isinstance(clause_parser().parse(text), lark.Tree)


# --------------------------------------------------------------------------- totality and normalisation


@given(st.text())
@example("\x00")
@example("The General Council,\n\nDecides:\n\n(a)\n")
@example("The Ministerial Conference,\n\nPrint this page.\n\n(...)\n")  # IndexError in the opener lookup
def test_any_text_parses_or_raises_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        assert isinstance(wtotext.parse(text), Decision)


@given(st.binary())
@example(b"\xef\xbb\xbf<html>")
@example(b"\xff\xfe\x00")
def test_any_bytes_are_read(data: bytes) -> None:
    assert isinstance(read_bytes(data).text, str)


_DUMP_ALPHABET = st.sampled_from([*"aZ1.(-_ \t\n\r\f\u00a0\u00ad\ufeff", "WT/L/1", "Page 2", "- 3 -", "Decides:"])


@given(
    st.one_of(
        decision_texts("pdf-extract").map(lambda pair: pair[0]),
        decision_texts("web-scrape").map(lambda pair: pair[0]),
        st.lists(_DUMP_ALPHABET, max_size=80).map("".join),
        st.text(),
    )
)
@example("0\x0c\xad")  # deep run of 2026-11-29: a soft hyphen after a space left a trailing space
@example("0 \xad 1")  # ... and between spaces, two spaces
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


def test_every_corpus_document_has_a_baseline() -> None:
    assert set(BASELINE) == {p.stem for p in corpus_texts()} and all(isinstance(p, Path) for p in corpus_texts())


# --------------------------------------------------------------------------- the clause scanner


def _lark_tokens(text: str) -> list[tuple[str, str, int, int]]:
    return [
        ("DATE" if t.type.startswith("DATE_") else t.type, str(t), t.start_pos or 0, t.end_pos or 0)
        for t in clause_parser().lex(text)
    ]


def _scanner_tokens(text: str) -> list[tuple[str, str, int, int]]:
    return [(t.kind, t.text, t.start, t.end) for t in mandates.tokenize(text, 0)]


def _texts(paragraphs: tuple[OperativeParagraph, ...]) -> Iterator[str]:
    for p in paragraphs:
        yield p.text
        yield from _texts(p.subitems)


def _longest_first(words: list[str], *, flexible_space: bool, either_case_first: bool) -> str:
    """The plain alternation the word tries replace: every word in turn, the longest first."""
    parts = []
    if flexible_space:  # a run of spaces is one gap, as in the tries
        words = [re.sub(" +", " ", word) for word in words]
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        head, tail = word[0], re.escape(word[1:])
        first = f"[{head.upper()}{head.lower()}]" if either_case_first and head.isalpha() else re.escape(head)
        pattern = first + tail
        parts.append(pattern.replace(r"\ ", r"\s+") if flexible_space else pattern)
    return "(?:" + "|".join(parts) + ")"


@given(
    words=st.lists(st.text(alphabet="aAbB -", min_size=1, max_size=6), min_size=1, max_size=8),
    text=st.text(alphabet="aAbB -\n.", max_size=14),
    after=st.sampled_from(["", r"\b", r"(?![\w\-])", r"\s*b", "$"]),
    flexible_space=st.booleans(),
    either_case_first=st.booleans(),
)
@example(
    words=["Council", "Council for TRIPS", "council"],
    text="Council  for TRIPS.",
    after=r"(?![\w\-])",
    flexible_space=True,
    either_case_first=True,
)
# deep run of 2026-11-29: two spaces in a word made the trie stop after the first
@example(words=["- ", "-  A"], text="-  A", after="", flexible_space=True, either_case_first=False)
@example(words=[" A", "  "], text=" A", after="", flexible_space=True, either_case_first=False)
def test_a_word_trie_matches_what_the_longest_first_list_matches(
    words: list[str], text: str, after: str, flexible_space: bool, either_case_first: bool
) -> None:
    trie = alternation(words, flexible_space=flexible_space, either_case_first=either_case_first)
    flat = _longest_first(words, flexible_space=flexible_space, either_case_first=either_case_first)
    for start in range(len(text) + 1):
        found = re.compile(trie + after).match(text, start)
        expected = re.compile(flat + after).match(text, start)
        assert (found and found.group()) == (expected and expected.group())


def test_the_clause_scanner_agrees_with_larks_lexer_on_the_corpus() -> None:
    for path in corpus_texts():
        for paragraph in _texts(wtotext.parse(read_path(path).text).operative):
            assert _scanner_tokens(paragraph) == _lark_tokens(paragraph)


@given(from_lark(clause_parser(), start="start") | st.text())
@example("the end of 2018, the Council (CTD) shall-not")
@example("Least-developed country Members \u00e9tudient 31 March, 1999 [12]")
def test_the_clause_scanner_agrees_with_larks_lexer(text: str) -> None:
    assert _scanner_tokens(text) == _lark_tokens(text)
