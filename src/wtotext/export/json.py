"""The JSON record: one object per input, as ``wtotext parse`` and ``wtotext batch`` write it.

>>> from wtotext import parse
>>> d = parse("The General Council,\\n\\nDecides:\\n\\n1. Members shall notify the CTD.\\n", source="x.txt")
>>> rec = record(d)
>>> rec["ok"], rec["decision"]["operative"][0]["mandates"][0]["body"]
(True, 'Members')
"""

from __future__ import annotations

import json
from typing import Any

from wtotext.errors import ParseError
from wtotext.nodes import Decision


def record(decision: Decision, source: str | None = None) -> dict[str, Any]:
    """The success record: ``{"source": ..., "ok": true, "decision": {...}}``."""
    return {"source": source if source is not None else decision.source, "ok": True, "decision": decision.to_dict()}


def error_record(source: str | None, error: BaseException) -> dict[str, Any]:
    """The failure record: ``{"source": ..., "ok": false, "error": {type, message, line, column}}``."""
    line = error.line if isinstance(error, ParseError) else None
    column = error.column if isinstance(error, ParseError) else None
    message = error.message if isinstance(error, ParseError) else str(error) or type(error).__name__
    return {
        "source": source,
        "ok": False,
        "error": {"type": type(error).__name__, "message": message, "line": line, "column": column},
    }


def dumps(rec: dict[str, Any]) -> str:
    """One JSON Lines line (no trailing newline)."""
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
