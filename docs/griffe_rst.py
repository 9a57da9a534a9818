"""A Griffe extension for the API pages: the docstrings' reStructuredText touches, as Markdown.

The docstrings are written for ``help()`` and doctest: cross-reference roles
(``:class:`~wtotext.nodes.Decision```), ``::`` literal blocks and bare ``>>>`` examples.
mkdocstrings reads docstrings as Markdown, where a role shows as raw text and ``>>>``
starts a quotation, so before a docstring is rendered this extension writes roles as
inline code and literal blocks and examples as fenced code.  Loaded from
``mkdocs.yml`` (``extensions:`` of the Python handler); the docstrings themselves are
not changed.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|attr|mod|data|exc|obj):`(~?)([\w.]+)`")
_CODE_START = re.compile(r"^(?:from |import |@|def |class |[\w.]+\s*=|[\w.]+\()")


def _role(match: re.Match[str]) -> str:
    name = match.group(2)
    return f"`{name.rsplit('.', 1)[-1] if match.group(1) else name}`"


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def to_markdown(text: str) -> str:
    """The docstring ``text`` with roles as code and literal blocks and examples fenced.

    >>> print(to_markdown("See :class:`~wtotext.nodes.Decision`::\\n\\n    d = parse(t)\\n\\n>>> 1 + 1\\n2"))
    See `Decision`:
    <BLANKLINE>
    ```python
    d = parse(t)
    ```
    <BLANKLINE>
    ```pycon
    >>> 1 + 1
    2
    ```
    """
    lines = _ROLE.sub(_role, text).split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        indent = _indent_of(line)
        if line.lstrip().startswith(">>>"):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][indent:] if _indent_of(lines[i]) >= indent else lines[i].strip())
                i += 1
            out += [" " * indent + "```pycon", *(" " * indent + b for b in block), " " * indent + "```"]
            continue
        if line.rstrip().endswith("::") and not line.lstrip().startswith(".."):
            head = line.rstrip()[:-1]
            out.append(head if head.strip() != ":" else "")
            i += 1
            while i < len(lines) and not lines[i].strip():
                out.append("")
                i += 1
            block = []
            while i < len(lines) and (not lines[i].strip() or _indent_of(lines[i]) > indent):
                block.append(lines[i])
                i += 1
            while block and not block[-1].strip():
                block.pop()
            inner = min((_indent_of(b) for b in block if b.strip()), default=0)
            language = "python" if block and _CODE_START.match(block[0].strip()) else "text"
            fence = [" " * indent + "```" + language, *(" " * indent + b[inner:] for b in block), " " * indent + "```"]
            out += [*fence, ""] if i < len(lines) else fence
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


class RestToMarkdown(griffe.Extension):
    """Rewrites every docstring with :func:`to_markdown` once the API tree is loaded."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
