"""Every record the project writes validates against its published JSON Schema."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import wtotext
from tests.conftest import corpus_texts
from wtotext.batch import parse_bytes
from wtotext.cli import main


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = wtotext.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def parse_output() -> dict[str, dict[str, Any]]:
    """What ``wtotext parse`` prints for the whole corpus, by source."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["parse", *map(str, corpus_texts())]) == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return {r["source"]: r for r in records}


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.stem)
def test_every_corpus_record_validates(
    path: Path, parse_output: dict[str, dict[str, Any]], validator: jsonschema.Draft202012Validator
) -> None:
    validator.validate(parse_output[str(path)])


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.stem)
def test_every_batch_record_validates(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    record = json.loads(json.dumps(parse_bytes(str(path), path.read_bytes())))
    validator.validate(record)


@pytest.mark.parametrize("data", [b"", b"Just a sentence.", b"\xff\xfe\x00"])
def test_failure_records_validate(data: bytes, validator: jsonschema.Draft202012Validator) -> None:
    record = parse_bytes("x.txt", data)
    assert record["ok"] is False
    validator.validate(record)


def test_every_field_is_described() -> None:
    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "description" in sub, f"{path}.{name} has no description"
            for key, sub in node.items():
                walk(sub, f"{path}.{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{path}[{i}]")

    walk(wtotext.schema(), "$")


def test_a_record_with_a_field_the_schema_does_not_describe_is_refused(
    validator: jsonschema.Draft202012Validator,
) -> None:
    record = parse_bytes("seed.txt", Path("corpus/seed-ecommerce-2011.txt").read_bytes())
    record["decision"]["operative"][0]["mandates"][0]["confidence"] = 0.9
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(record)


def test_a_record_with_an_unknown_modality_is_refused(validator: jsonschema.Draft202012Validator) -> None:
    record = parse_bytes("seed.txt", Path("corpus/seed-ecommerce-2011.txt").read_bytes())
    record["decision"]["operative"][0]["mandates"][0]["modality"] = "duty"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(record)


def test_the_docs_copy_of_the_schema_is_the_shipped_one() -> None:
    assert json.loads(Path("docs/reference/record.schema.json").read_text(encoding="utf-8")) == wtotext.schema()
