"""The same decision in every surface a dump holds yields the same mandates and structure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import wtotext
from tests.conftest import corpus_texts, surface
from tests.surfaces import as_html, as_pdf_extract, as_web_scrape
from wtotext import Decision

PLAIN = [p for p in corpus_texts() if surface(p) == "plain"]
RENDERINGS: dict[str, Callable[[str], str]] = {
    "web-scrape": as_web_scrape,
    "html": as_html,
    "pdf-extract": as_pdf_extract,
}


def reading(d: Decision) -> tuple[object, ...]:
    mandates = [
        (i, m.body.name, m.verb, m.modality.value, m.via.name if m.via else None, m.deadlines)
        for i, p in enumerate(d.operative, start=1)
        for m in p.all_mandates()
    ]
    return mandates, [r.opener for r in d.preamble], len(d.operative), d.issuer, d.date, d.references


@pytest.mark.parametrize("name", sorted(RENDERINGS))
@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.stem)
def test_each_surface_reads_like_the_plain_text(path: Path, name: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert reading(wtotext.parse(RENDERINGS[name](text))) == reading(wtotext.parse(text))


def test_the_pdf_rendering_really_has_page_furniture_and_hyphens() -> None:
    longest = max(PLAIN, key=lambda p: p.stat().st_size)
    text = as_pdf_extract(longest.read_text(encoding="utf-8"))
    assert "\f" in text and "- 2 -" in text and any(line.endswith("-") for line in text.splitlines())
