"""Render one plain decision text in the other surfaces a dump may hold (test helpers)."""

from __future__ import annotations

import html
import re
import textwrap


def blocks(text: str) -> list[str]:
    return [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]


def as_web_scrape(text: str) -> str:
    """Page furniture before and after the decision, as a scraped web page has it."""
    head = [
        "Skip to main content",
        "Home | About WTO | News and events | Trade topics | Documents, data and resources",
        "You are here: home > documents > ministerial decisions",
        "Print this page   |   Email this page   |   Share",
    ]
    tail = ["back to top", "Contact us | Site map | A-Z | Search", "\u00a9 World Trade Organization | Privacy"]
    return "\n\n".join(head + blocks(text) + tail) + "\n"


def as_html(text: str) -> str:
    """The decision as a web page: one <p> a block, numbered paragraphs as an <ol>."""
    out = ["<html><head><title>WTO | Decision</title></head><body><nav><a href='/'>Home</a></nav><main>"]
    in_list = False
    for block in blocks(text):
        numbered = re.match(r"(\d{1,2})\.\s+(.*)", block)
        if numbered and not in_list:
            out.append(f"<ol start='{numbered.group(1)}'>")
            in_list = True
        if numbered:
            out.append(f"<li>{html.escape(numbered.group(2))}</li>")
            continue
        if in_list and not re.match(r"\([a-z]+\)\s", block):
            out.append("</ol>")
            in_list = False
        out.append(f"<p>{html.escape(block)}</p>")
    if in_list:
        out.append("</ol>")
    out.append("</main><footer><p>Privacy | Disclaimer</p></footer></body></html>")
    return "\n".join(out)


def as_pdf_extract(text: str, symbol: str = "WT/MIN(99)/1", width: int = 78, page_lines: int = 40) -> str:
    """Hard line wraps with hyphenation, pages with running heads and page numbers."""
    lines: list[str] = [f"{symbol:>85}", "", f"{'Page: 1/9':>85}", ""]
    for block in blocks(text):
        marker = re.match(r"(\d{1,2}\.|\([a-z]+\))\s+(.*)", block)
        indent = ""
        if marker:
            block = f"{marker.group(1):<9}{marker.group(2)}"
        wrapped = textwrap.wrap(block, width, break_long_words=False, break_on_hyphens=False) or [""]
        lines += [_hyphenate(line, nxt) for line, nxt in zip(wrapped, [*wrapped[1:], ""], strict=True)]
        lines.append(indent)
    pages = [lines[i : i + page_lines] for i in range(0, len(lines), page_lines)]
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        if n > 1:
            out += ["\f" + symbol, "", f"- {n} -", ""]
        out += page
    return "\n".join(_unhyphenated_pairs(out)) + "\n"


def _hyphenate(line: str, nxt: str) -> str:
    return line


def _unhyphenated_pairs(lines: list[str]) -> list[str]:
    """Split a long word at a line end with a hyphen, as a typesetter would."""
    out = list(lines)
    for i in range(len(out) - 1):
        words = out[i + 1].split(" ")
        first = words[0]
        if len(first) >= 10 and first.isalpha() and first.islower() and out[i] and not out[i].endswith("-"):
            cut = len(first) // 2
            out[i] = out[i] + " " + first[:cut] + "-"
            out[i + 1] = " ".join([first[cut:], *words[1:]])
    return out
