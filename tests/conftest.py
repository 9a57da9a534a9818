"""Shared fixtures: the bundled reference corpus and the scorer from ../shared/tools."""

from __future__ import annotations

import json
import os
import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles: "ci" (the default, fast) and "deep" (10,000 examples a property),
# chosen with WTOTEXT_HYPOTHESIS_PROFILE=deep (docs/how-to/property-testing.md).
# CI draws the same examples on every run (derandomize), so that a red build is always
# reproducible; the deep profile explores at random.
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "deep",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("WTOTEXT_HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"


def corpus_texts() -> list[Path]:
    """Every document of the bundled corpus (the files beside a .gold.json)."""
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html") and not p.name.endswith(".gold.json"))


def gold(path: Path) -> dict[str, Any]:
    return json.loads((CORPUS / f"{path.stem}.gold.json").read_text(encoding="utf-8"))


def surface(path: Path) -> str:
    return str(gold(path)["surface"])


@pytest.fixture(scope="session")
def scorer() -> Callable[..., dict[str, Any]]:
    """``score(records, surfaces=None)`` -> score.py's summary over the gold of those surfaces."""
    module = runpy.run_path(str(SCORER))

    def score(records: dict[str, dict[str, Any]], surfaces: set[str] | None = None) -> dict[str, Any]:
        golds = [g for g in module["load_gold"](CORPUS) if surfaces is None or g["surface"] in surfaces]
        rows = [module["score_doc"](g, records.get(g["id"])) for g in golds]
        return dict(module["summarise"](rows))

    return score
