"""The JSON Schema (draft 2020-12) of the JSON record.

>>> import wtotext
>>> wtotext.schema()["$defs"]["mandate"]["properties"]["modality"]["enum"]
['obligation', 'permission', 'recommendation', 'prohibition']
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def _text() -> str:
    return resources.files("wtotext").joinpath("data/record.schema.json").read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The record's JSON Schema as a dict (a fresh copy each call)."""
    return dict(json.loads(_text()))
