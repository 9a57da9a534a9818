"""The parsers: built once a process, and the document parser kept between processes in a cache file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import lark
import pytest

import wtotext
from wtotext import parser
from wtotext.normalise import normalise

from .conftest import CORPUS

PYTHON = f"{sys.version_info[0]}{sys.version_info[1]}"
SEED = normalise((CORPUS / "seed-ecommerce-2011.txt").read_text(encoding="utf-8")).text


@pytest.fixture(autouse=True)
def _built_again_afterwards() -> Iterator[None]:
    """Each test builds its own parsers; the rest of the suite gets new ones too."""
    parser._build.cache_clear()
    yield
    parser._build.cache_clear()


def _document_parser(monkeypatch: pytest.MonkeyPatch, folder: str) -> lark.Lark:
    """The document parser as a new process would get it, with ``WTOTEXT_CACHE_DIR=folder``."""
    monkeypatch.setenv("WTOTEXT_CACHE_DIR", folder)
    parser._build.cache_clear()
    return parser.document_parser()


def test_the_document_parser_is_loaded_from_the_cache_and_parses_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _document_parser(monkeypatch, str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == [f"document-lark{lark.__version__}-py{PYTHON}.cache"]
    loaded = _document_parser(monkeypatch, str(tmp_path))
    assert built.source_path != "<deserialized>"
    assert loaded.source_path == "<deserialized>"  # Lark's mark of a parser read from its cache
    assert loaded.parse(SEED) == built.parse(SEED)
    # the grammar comes back too: hypothesis.extra.lark generates documents from it
    assert loaded.grammar.compile(["document"], set())[0]


def test_a_damaged_cache_file_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _document_parser(monkeypatch, str(tmp_path))
    (cache_file,) = tmp_path.iterdir()
    cache_file.write_bytes(b"not a parser")
    rebuilt = _document_parser(monkeypatch, str(tmp_path))
    assert rebuilt.source_path != "<deserialized>"
    assert rebuilt.parse(SEED) == _document_parser(monkeypatch, "").parse(SEED)
    assert _document_parser(monkeypatch, str(tmp_path)).source_path == "<deserialized>"


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _document_parser(monkeypatch, "").source_path != "<deserialized>"
    assert list(tmp_path.iterdir()) == []


def test_the_cache_folder_defaults_to_the_users_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WTOTEXT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parser.document_parser()
    assert [p.parent.name for p in tmp_path.rglob("*.cache")] == ["wtotext"]


def test_the_cache_never_serves_the_parser_of_another_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The General Council,\n\nDecides:\n\nThe CRO shall examine the notifications.\n"
    _document_parser(monkeypatch, str(tmp_path))
    reg = wtotext.registry()
    reg.add("Committee on Rules of Origin", aliases=["CRO"])
    try:
        edited = _document_parser(monkeypatch, str(tmp_path))
        assert edited.source_path != "<deserialized>"
        assert "OP_PROSE" in {t.type for t in edited.lex(text)}  # the new alias opens an operative sentence
    finally:
        reg.remove("Committee on Rules of Origin")
    shipped = _document_parser(monkeypatch, str(tmp_path))
    assert shipped.source_path != "<deserialized>"  # the file held the edited registry's parser
    assert "OP_PROSE" not in {t.type for t in shipped.lex(text)}
