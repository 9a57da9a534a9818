"""The seed document, a real page capture, must always parse to exactly its gold."""

from __future__ import annotations

import pytest

import wtotext
from tests.conftest import CORPUS, gold
from wtotext import Decision, Modality

SEED = CORPUS / "seed-ecommerce-2011.txt"


@pytest.fixture(scope="module")
def seed() -> Decision:
    return wtotext.parse_file(SEED)


def test_general_council_receives_the_two_obligations_of_the_gold(seed: Decision) -> None:
    found = [(m.verb, m.deadlines, m.via) for m in seed.obligations(body="General Council")]
    assert found == [("emphasize", (), None), ("hold", ("2012-07", "2012-12", "2013-07"), None)]


@pytest.mark.parametrize(
    "query", ["CTD", "ctd", "Committee on Trade and Development", "committee on trade and development"]
)
def test_ctd_examines_and_monitors_through_the_general_council(seed: Decision, query: str) -> None:
    [m] = seed.obligations(body=query)
    assert (m.body.name, m.verb, m.modality) == ("Committee on Trade and Development", "examine", Modality.OBLIGATION)
    assert m.via is not None and m.via.name == "General Council"
    assert m.action.startswith("examine and monitor development-related issues")
    assert m.body.surface == "the CTD"


def test_members_keep_the_moratorium_until_2013(seed: Decision) -> None:
    [m] = seed.mandates(body="Members")
    assert (m.verb, m.modality.value, m.deadlines) == ("maintain", "obligation", ("2013",))
    [limit] = m.time_limits
    assert (limit.text, limit.date) == ("2013", "2013")
    assert seed.text[limit.span.start - 8 : limit.span.end] == "hold in 2013"


def test_the_recalling_recital_cites_both_documents(seed: Decision) -> None:
    [recital] = seed.preamble
    assert recital.opener == "Recalling"
    assert [r.symbol for r in recital.references] == ["WT/L/274", "WT/L/782"]
    assert seed.references == ("WT/L/274", "WT/L/782")


def test_the_page_boilerplate_is_noise_not_paragraphs(seed: Decision) -> None:
    noise = [n.text for n in seed.noise]
    assert "image displayed if flash reader not installed" in noise
    assert "See also the CENTRAL guide to Trade in Services." in noise
    assert len(seed.operative) == 4
    assert all("flash reader" not in p.text for p in seed.operative)


def test_every_mandate_matches_the_gold_exactly(seed: Decision) -> None:
    expected = [
        (m["paragraph"], m["body"], m["verb"], m["modality"], m["via"], tuple(m["deadlines"]))
        for m in gold(SEED)["mandates"]
    ]
    found = [
        (i, m.body.name, m.verb, m.modality.value, m.via.name if m.via else None, m.deadlines)
        for i, p in enumerate(seed.operative, start=1)
        for m in p.all_mandates()
    ]
    assert found == expected


def test_the_header_gives_issuer_kind_and_date(seed: Decision) -> None:
    assert (seed.kind, seed.issuer, seed.date, seed.symbols) == ("decision", "Ministerial Conference", "2011", ())
