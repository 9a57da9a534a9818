"""The exceptions wtotext raises: one base class, and a parse error a lawyer can act on."""

from __future__ import annotations


class WtotextError(Exception):
    """Base class of every error wtotext raises on purpose."""


class ParseError(WtotextError):
    """The input is not a decision: says where (line and column, 1-based) and what was expected.

    >>> err = ParseError("no operative part", line=3, column=1, excerpt="Recalling ...", expected="Decides:")
    >>> print(err)
    line 3, column 1: no operative part; expected Decides:
        Recalling ...
        ^
    """

    def __init__(self, message: str, *, line: int, column: int, excerpt: str = "", expected: str = "") -> None:
        self.message = message
        self.line = line
        self.column = column
        self.excerpt = excerpt
        self.expected = expected
        super().__init__(self._render())

    def _render(self) -> str:
        head = f"line {self.line}, column {self.column}: {self.message}"
        if self.expected:
            head += f"; expected {self.expected}"
        if self.excerpt:
            head += f"\n    {self.excerpt}\n    {' ' * max(self.column - 1, 0)}^"
        return head

    def __reduce__(self) -> tuple[object, ...]:  # keep it picklable across processes
        return (_rebuild, (self.message, self.line, self.column, self.excerpt, self.expected))


def _rebuild(message: str, line: int, column: int, excerpt: str, expected: str) -> ParseError:
    return ParseError(message, line=line, column=column, excerpt=excerpt, expected=expected)


def position(text: str, offset: int) -> tuple[int, int, str]:
    """The 1-based line and column of ``offset`` in ``text``, and that line's text."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if line_end == -1:
        line_end = len(text)
    line = text.count("\n", 0, offset) + 1
    return line, offset - line_start + 1, text[line_start:line_end]
