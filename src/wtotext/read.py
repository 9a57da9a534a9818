"""Reading: bytes or a file -> text, the first stage of the flow.

:func:`read_bytes` finds the encoding (a byte-order mark, else UTF-8, else the
``<meta charset>`` of an HTML page, else cp1252) and, when the input is HTML, turns the
markup into plain text with :func:`html_to_text`.  It never raises on any bytes:
whatever it had to guess is said in :attr:`ReadText.diagnostics`.

Nothing is cleaned here: line ends (CR, CRLF), no-break spaces and soft hyphens of a
plain text are kept as they are, and all the visible text of a page is kept, its
navigation and footer too.  The normaliser and the parser deal with those.

>>> read = read_bytes(b"The General Council,\\r\\n\\r\\nDecides:")
>>> read.text, read.surface, read.encoding
('The General Council,\\r\\n\\r\\nDecides:', 'plain', 'utf-8')
>>> read_bytes(b"<p>Members shall <em>notify</em>.</p>").text
'Members shall notify.'
"""

from __future__ import annotations

import codecs
import enum
import os
import re
from pathlib import Path

import attrs
import lxml.html
from lxml import etree

#: How much of the start of an input is looked at to tell HTML from plain text.
_SNIFF_CHARS = 1024
#: How much of an HTML page is searched for its ``<meta charset>``.
_CHARSET_BYTES = 4096

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(r"<(?:head|body|p)\b[^<>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# A byte-order mark and the codec that reads (and drops) it.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Declared charsets that browsers read as windows-1252 (WHATWG Encoding Standard).
_READ_AS_CP1252 = frozenset({"ascii", "iso8859-1"})

# Elements whose content is never shown.
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
# Elements that start and end a block of text.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
        "title", "tr", "ul",
    }
)  # fmt: skip
_LISTS = frozenset({"ol", "ul", "menu", "dir"})
_CELLS = frozenset({"td", "th"})
# HTML's white space; U+00A0 is not in it and is kept.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_HTML_SPACE_CHARS = " \t\n\r\f"
# CSS list-style-type keywords and the <ol type> letter they stand for ("" for none).
_CSS_LIST_STYLES = {
    "decimal": "1",
    "lower-alpha": "a",
    "lower-latin": "a",
    "upper-alpha": "A",
    "upper-latin": "A",
    "lower-roman": "i",
    "upper-roman": "I",
    "disc": "-",
    "circle": "-",
    "square": "-",
    "none": "",
}
_CSS_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([^;]*)", re.I)
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


@attrs.frozen
class ReadText:
    """The text read from some bytes, and how it was read.

    >>> read = read_bytes(b"Members shall \\x93notify\\x94")
    >>> read.text, read.encoding
    ('Members shall \\u201cnotify\\u201d', 'cp1252')
    >>> read.diagnostics
    ('not valid UTF-8 (byte 0x93 at offset 14): read as cp1252',)
    """

    text: str  # the decoded text; for HTML, the text extracted from the markup
    surface: str  # "plain" or "html"
    encoding: str  # the codec used: "utf-8", "utf-8-sig", "utf-16", "cp1252", ...
    diagnostics: tuple[str, ...]  # notes on what had to be guessed


def read_bytes(data: bytes, *, name: str | None = None) -> ReadText:
    """Decode ``data`` and, if it is HTML, extract its text.

    ``name`` (a file name or path) only serves to recognise HTML by its suffix
    (``.html``, ``.htm``, ``.xhtml``); without it HTML is recognised by its content.

    >>> read_bytes("\\ufeffDecides:".encode("utf-8")).encoding
    'utf-8-sig'
    >>> read = read_bytes(b"<p>1.&nbsp;To hold</p>", name="decision.html")
    >>> read.surface, read.text
    ('html', '1.\\xa0To hold')
    """
    diagnostics: list[str] = []
    text, encoding = _decode(data, name, diagnostics)
    if _has_html_suffix(name) or looks_like_html(text):
        return ReadText(html_to_text(text), "html", encoding, tuple(diagnostics))
    return ReadText(text, "plain", encoding, tuple(diagnostics))


def read_path(path: str | os.PathLike[str]) -> ReadText:
    """Read a file with :func:`read_bytes`, its name telling whether it is HTML.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     file = Path(tmp, "decision.txt")
    ...     _ = file.write_bytes(b"The General Council,\\n")
    ...     read_path(file).text
    'The General Council,\\n'
    """
    file = Path(path)
    return read_bytes(file.read_bytes(), name=file.name)


def looks_like_html(text: str) -> bool:
    """Whether a text is HTML markup, judged by its first characters.

    It is if it starts (after white space and a byte-order mark) with a doctype or an
    ``<html>`` tag, or has a ``<head>``, ``<body>`` or ``<p>`` tag near the top.

    >>> looks_like_html("<!DOCTYPE html><title>WT/L/1079</title>")
    True
    >>> looks_like_html("The General Council,\\n\\nDecides:")
    False
    """
    head = text[:_SNIFF_CHARS].lstrip("\ufeff")
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head))


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, as blocks separated by one blank line.

    The page's ``<title>`` is the first block; the rest of ``<head>``, scripts, styles,
    templates, ``<noscript>`` and comments are dropped.  Every other text is kept.
    Block elements (paragraphs, headings, list items, table rows, ...) become blocks,
    inline elements flow inside them; white space is folded to one space except that
    ``<br>`` gives a line break and U+00A0 stays.  List items get their marker:
    ``1.`` (honouring ``start`` and ``value``), ``(a)``, ``(i)``, ``A.``, ``I.``, or ``-``.
    Table cells of a row are joined by a tab.

    >>> print(html_to_text("<p><em>Decides</em>:</p><ol type='a'><li>to review;<li>to report.</ol>"))
    Decides:
    <BLANKLINE>
    (a) to review;
    <BLANKLINE>
    (b) to report.
    """
    try:
        # As bytes with the encoding given, so that a <meta charset> or an XML
        # declaration in the markup cannot mislead the parser.
        parser = lxml.html.HTMLParser(encoding="utf-8")
        root = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except etree.ParserError:  # nothing but white space and comments
        return ""
    writer = _BlockWriter()
    writer.walk(root)
    writer.flush()
    return "\n\n".join(writer.blocks)


# ---- decoding -------------------------------------------------------------------------


def _has_html_suffix(name: str | None) -> bool:
    return name is not None and Path(name).suffix.lower() in _HTML_SUFFIXES


def _decode(data: bytes, name: str | None, diagnostics: list[str]) -> tuple[str, str]:
    """The text of ``data`` and the codec that gave it; notes go to ``diagnostics``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as err:
                diagnostics.append(f"not valid {codec} after its byte-order mark ({_where(err)}): bad bytes replaced")
                return data.decode(codec, errors="replace"), codec

    is_html = _has_html_suffix(name) or looks_like_html(data[:_SNIFF_CHARS].decode("latin-1"))
    declared = _declared_charset(data, diagnostics) if is_html else None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return _decode_legacy(data, f"not valid UTF-8 ({_where(err)})", declared, diagnostics)
    if declared not in (None, "utf-8") and not data.isascii():
        diagnostics.append(f"the page declares charset {declared} but is valid UTF-8: read as UTF-8")
    return text, "utf-8"


def _decode_legacy(data: bytes, why: str, declared: str | None, diagnostics: list[str]) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: as the declared charset if it fits, else cp1252."""
    if declared is not None and declared != "utf-8":
        try:
            text = data.decode(declared)
        except (UnicodeError, LookupError):  # LookupError: a codec such as "zlib" is no charset
            diagnostics.append(f"the bytes cannot be read as the declared charset {declared}")
        else:
            diagnostics.append(f"{why}: read as {declared}, the charset the page declares")
            return text, declared
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        undefined = text.count("\ufffd")  # no cp1252 byte stands for U+FFFD itself
        diagnostics.append(f"{why}: read as cp1252, {undefined} undefined byte(s) replaced with U+FFFD")
    else:
        diagnostics.append(f"{why}: read as cp1252")
    return text, "cp1252"


def _where(err: UnicodeDecodeError) -> str:
    return f"byte 0x{err.object[err.start]:02x} at offset {err.start}"


def _declared_charset(data: bytes, diagnostics: list[str]) -> str | None:
    """The codec named by the page's ``<meta charset>``, if Python knows it."""
    match = _META_CHARSET.search(data[:_CHARSET_BYTES])
    if match is None:
        return None
    label = match.group(1).decode("ascii")
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        diagnostics.append(f"the page declares an unknown charset {label!r}: ignored")
        return None
    if codec in _READ_AS_CP1252:
        return "cp1252"
    if codec.startswith(("utf-16", "utf-32")):  # cannot be declared in ASCII bytes
        return None
    return codec


# ---- HTML to blocks -------------------------------------------------------------------


class _Mark(enum.Enum):
    """What, besides text, goes into the block being written."""

    BREAK = "<br>"
    CELL = "<td>"


@attrs.define
class _List:
    """An open ``<ol>`` or ``<ul>``: how its items are marked and the next number."""

    style: str  # "1", "a", "A", "i", "I", "-" (bullet) or "" (no marker)
    next: int


class _BlockWriter:
    """Walks an HTML tree and writes its text as blocks."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self._pending: list[str | _Mark] = []  # the block being written
        self._marker = ""  # a list item's marker, waiting for the item's first block
        self._lists: list[_List] = []
        self._pre = 0  # depth of <pre> elements

    def walk(self, element: lxml.html.HtmlElement) -> None:
        # Recursion is safe: libxml2 does not nest elements deeper than 256.
        tag = element.tag
        if not isinstance(tag, str) or tag in _HIDDEN:  # comments, processing instructions
            self.text(element.tail)
            return
        if tag == "head":
            self._write_title(element)
            self.text(element.tail)
            return
        if tag == "br":
            self._pending.append(_Mark.BREAK)
        elif tag in _CELLS:
            self._pending.append(_Mark.CELL)
        elif tag in _BLOCKS:
            self.flush()
        if tag == "li":
            self._marker += self._item_marker(element)
        elif tag in _LISTS:
            self._lists.append(_list_of(element))
        elif tag == "pre":
            self._pre += 1

        self.text(element.text)
        for child in element:
            self.walk(child)

        if tag in _BLOCKS:
            self.flush()
        if tag == "li":
            self._marker = ""
        elif tag in _LISTS:
            self._lists.pop()
        elif tag == "pre":
            self._pre -= 1
        elif tag in _CELLS:
            self._pending.append(_Mark.CELL)
        self.text(element.tail)

    def text(self, text: str | None) -> None:
        if not text:
            return
        if not self._pre:
            self._pending.append(text)
            return
        for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
            if i:
                self._pending.append(_Mark.BREAK)
            self._pending.append(line)

    def flush(self) -> None:
        """End the block being written; a blank line (``<br><br>``) in it ends a block too."""
        lines = [_line(tokens) for tokens in _split(self._pending, _Mark.BREAK)]
        self._pending = []
        block: list[str] = []
        for line in [*lines, ""]:
            if line:
                block.append(line)
            elif block:
                self.blocks.append(self._marker + "\n".join(block))
                self._marker = ""
                block = []

    def _write_title(self, head: lxml.html.HtmlElement) -> None:
        title = head.find(".//title")
        if title is not None:
            self.flush()
            self.text(title.text_content())
            self.flush()

    def _item_marker(self, item: lxml.html.HtmlElement) -> str:
        if not self._lists:
            return "- "
        current = self._lists[-1]
        value = _integer(item.get("value"))
        if value is not None and current.style not in ("-", ""):
            current.next = value
        number = current.next
        current.next += 1
        return _marker(current.style, number)


def _list_of(element: lxml.html.HtmlElement) -> _List:
    """The marker style and first number of an ``<ol>`` or ``<ul>``."""
    ordered = element.tag == "ol"
    style = "-"
    if ordered:
        style = (element.get("type") or "1").strip()
        if style not in ("1", "a", "A", "i", "I"):
            style = "1"
    css = _CSS_LIST_STYLE.search(element.get("style") or "")
    if css is not None:
        keywords = [word for word in css.group(1).lower().split() if word in _CSS_LIST_STYLES]
        if keywords:
            style = _CSS_LIST_STYLES[keywords[0]]
    start = _integer(element.get("start")) if ordered else None
    return _List(style=style, next=1 if start is None else start)


def _integer(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value is not None else None
    except ValueError:
        return None


def _marker(style: str, number: int) -> str:
    """A list item's marker: ``1.``, ``(a)``, ``(i)``, ``A.``, ``I.`` or ``-``, and a space."""
    if style in ("-", ""):
        return f"{style} " if style else ""
    if style == "1" or number < 1 or (style in ("i", "I") and number >= 4000):
        return f"{number}. "
    if style in ("a", "A"):
        letters = _letters(number)
        return f"({letters}) " if style == "a" else f"{letters.upper()}. "
    numeral = _roman(number)
    return f"({numeral}) " if style == "i" else f"{numeral.upper()}. "


def _letters(number: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa", as HTML counts."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _roman(number: int) -> str:
    numeral = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        numeral += letters * count
    return numeral


def _split(tokens: list[str | _Mark], mark: _Mark) -> list[list[str | _Mark]]:
    parts: list[list[str | _Mark]] = [[]]
    for token in tokens:
        if token is mark:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _line(tokens: list[str | _Mark]) -> str:
    """One line of a block: its cells' text with white space folded, joined by tabs."""
    cells = []
    for cell in _split(tokens, _Mark.CELL):
        text = _HTML_SPACE.sub(" ", "".join(t for t in cell if isinstance(t, str))).strip(_HTML_SPACE_CHARS)
        if text.strip():  # a cell of only no-break spaces is empty too
            cells.append(text)
    return "\t".join(cells)
