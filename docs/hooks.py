"""MkDocs hooks: the parts of the reference pages that are written from the code at build time.

A page asks for one with an HTML comment on a line of its own:

- ``<!-- wtotext:cli-help -->``: ``wtotext --help`` and every command's ``--help``;
- ``<!-- wtotext:schema-fields -->``: a table of the fields of each object of the JSON
  Schema (``wtotext.schema()``), with their types and descriptions;
- ``<!-- wtotext:grammar NAME -->``: the grammar file ``NAME`` as shipped.

So the command-line options, the schema and the grammars shown are always those of the
code the site is built from.
"""

from __future__ import annotations

import argparse
import os
import re
from importlib import resources
from typing import Any

_MARK = re.compile(r"^<!-- wtotext:([\w-]+)(?: ([\w.]+))? -->$", re.MULTILINE)


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return _MARK.sub(lambda m: _generate(m.group(1), m.group(2)), markdown)


def _generate(kind: str, argument: str | None) -> str:
    if kind == "cli-help":
        return _cli_help()
    if kind == "schema-fields":
        return _schema_fields()
    if kind == "grammar" and argument:
        source = resources.files("wtotext").joinpath("grammars", argument).read_text(encoding="utf-8")
        return f"```text\n{source.rstrip()}\n```"
    raise ValueError(f"unknown generated block: {kind} {argument or ''}")


def _cli_help() -> str:
    from wtotext.cli import build_parser

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal: the same width on every machine
    try:
        parser = build_parser()
        parts = [f"### `wtotext`\n\n```text\n{parser.format_help().rstrip()}\n```"]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    parts.append(f"### `wtotext {name}`\n\n```text\n{sub.format_help().rstrip()}\n```")
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return "\n\n".join(parts)


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name})"
    if "const" in spec:
        return f"`{str(spec['const']).lower()}`"
    if "enum" in spec:
        return " \\| ".join(f"`{v}`" for v in spec["enum"])
    if "anyOf" in spec:
        return " or ".join(_type(s) for s in spec["anyOf"])
    if spec.get("type") == "object" and "properties" in spec:
        return "[object](#error)" if "message" in spec["properties"] else "object"
    kinds = spec.get("type", "any")
    text = " or ".join(kinds) if isinstance(kinds, list) else str(kinds)
    if text == "array" and "items" in spec:
        return f"array of {_type(spec['items'])}"
    if "pattern" in spec:
        text += " (ISO date)"
    return text


def _table(spec: dict[str, Any]) -> str:
    rows = ["| field | type | required | description |", "| --- | --- | --- | --- |"]
    required = set(spec.get("required", ()))
    for name, field in spec["properties"].items():
        description = str(field.get("description", "")).replace("|", "\\|")
        rows.append(f"| `{name}` | {_type(field)} | {'yes' if name in required else 'no'} | {description} |")
    return "\n".join(rows)


def _schema_fields() -> str:
    import wtotext

    schema = wtotext.schema()
    parts = []
    for form in schema["oneOf"]:
        title = "A parsed input" if form["properties"]["ok"]["const"] else "A failed input"
        parts.append(f"#### {title}\n\n{_table(form)}")
        error = form["properties"].get("error")
        if error is not None:
            parts.append(f"#### error\n\n{error['description']}\n\n{_table(error)}")
    for name, spec in schema["$defs"].items():
        parts.append(f"#### {name}\n\n{spec['description']}\n\n{_table(spec)}")
    return "\n\n".join(parts)
