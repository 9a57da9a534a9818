"""Reading bytes and files into text: encodings, HTML detection, HTML to blocks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wtotext.read import ReadText, html_to_text, looks_like_html, read_bytes, read_path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def blocks(text: str) -> list[str]:
    return text.split("\n\n")


# ---- encodings ------------------------------------------------------------------------


def test_utf8_without_bom_is_read_as_utf8_without_diagnostics() -> None:
    read = read_bytes("Adopted on 17 June 2022 \u2013 Members\u2019 rights".encode())
    assert read == ReadText("Adopted on 17 June 2022 \u2013 Members\u2019 rights", "plain", "utf-8", ())


def test_utf8_bom_is_stripped() -> None:
    read = read_bytes(b"\xef\xbb\xbfThe General Council,")
    assert (read.text, read.encoding, read.diagnostics) == ("The General Council,", "utf-8-sig", ())


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded_and_the_bom_stripped(codec: str) -> None:
    read = read_bytes("\ufeffThe Ministerial Conference,\r\n\u201cDecides\u201d".encode(codec))
    assert (read.text, read.encoding, read.diagnostics) == (
        "The Ministerial Conference,\r\n\u201cDecides\u201d",
        "utf-16",
        (),
    )


def test_utf16_with_odd_byte_count_is_read_with_replacement_and_a_diagnostic() -> None:
    read = read_bytes("\ufeffDecides".encode("utf-16-le") + b"\x00")
    assert read.text == "Decides\ufffd"
    assert read.diagnostics and "utf-16" in read.diagnostics[0]


@pytest.mark.parametrize(
    "text",
    [
        "The General Council,\r\n\r\nDecides:\r\n",
        "The General Council,\r\rDecides:\r",
        "mixed\r\nline\rends\n",
    ],
)
def test_line_ends_are_kept_as_they_are(text: str) -> None:
    assert read_bytes(text.encode()).text == text


def test_no_break_spaces_and_soft_hyphens_are_kept_in_plain_text() -> None:
    text = "17\u00a0June\u00a02022, elec\u00adtronic transmissions"
    assert read_bytes(text.encode()).text == text


def test_invalid_utf8_is_read_as_cp1252_with_a_diagnostic() -> None:
    read = read_bytes(b"Members shall \x93notify\x94")
    assert (read.text, read.encoding) == ("Members shall \u201cnotify\u201d", "cp1252")
    assert read.diagnostics == ("not valid UTF-8 (byte 0x93 at offset 14): read as cp1252",)


def test_bytes_undefined_in_cp1252_are_replaced_and_counted() -> None:
    read = read_bytes(b"caf\xe9 \x81\x9d")
    assert (read.text, read.encoding) == ("caf\u00e9 \ufffd\ufffd", "cp1252")
    assert read.diagnostics == (
        "not valid UTF-8 (byte 0xe9 at offset 3): read as cp1252, 2 undefined byte(s) replaced with U+FFFD",
    )


@given(st.binary())
def test_any_bytes_are_read_without_raising(data: bytes) -> None:
    read = read_bytes(data)
    assert isinstance(read.text, str)
    assert read.surface in ("plain", "html")


@given(st.binary())
def test_any_bytes_named_html_are_read_without_raising(data: bytes) -> None:
    assert read_bytes(data, name="page.html").surface == "html"


# ---- HTML detection and <meta charset> ------------------------------------------------


def test_text_before_the_first_tag_is_kept_as_a_block() -> None:
    read = read_bytes(b"WT/L/1079\n<p class='x'>Goods &amp; services</p>")
    assert (read.surface, read.text) == ("html", "WT/L/1079\n\nGoods & services")


@pytest.mark.parametrize("name", ["decision.html", "DECISION.HTM", "dir/decision.xhtml", "/abs/path/gc.htm"])
def test_html_is_recognised_by_file_suffix(name: str) -> None:
    read = read_bytes(b"Goods &amp; services", name=name)
    assert (read.surface, read.text) == ("html", "Goods & services")


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><p>Goods &amp; services</p>",
        b"  \n<!doctype HTML>\n<title>Goods &amp; services</title>",
        b"<html lang='en'><body>Goods &amp; services</body></html>",
        b"\xef\xbb\xbf  <html>Goods &amp; services",
        b"<body>Goods &amp; services</body>",
        b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html><html><p>Goods &amp; services</p></html>",
        b"<!-- saved from url -->\n<!DOCTYPE html><p>Goods &amp; services</p>",
    ],
)
def test_html_is_recognised_by_content(data: bytes) -> None:
    read = read_bytes(data)
    assert (read.surface, read.text) == ("html", "Goods & services")


@pytest.mark.parametrize(
    "text",
    [
        "The General Council,\n\nDecides:\n\n1. To hold a review.",
        "Members with a < b and c > d &amp; <pre-existing> measures",
        "WT/L/1079 <header> of the document",
        "",
    ],
)
def test_plain_text_is_not_taken_for_html(text: str) -> None:
    assert not looks_like_html(text)
    read = read_bytes(text.encode(), name="decision.txt")
    assert (read.surface, read.text) == ("plain", text)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda path: path.stem)
def test_corpus_text_files_read_as_plain_utf8_unchanged(path: Path) -> None:
    read = read_path(path)
    assert (read.surface, read.encoding, read.diagnostics) == ("plain", "utf-8", ())
    assert read.text == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("meta", "body", "text", "encoding"),
    [
        ('<meta charset="iso-8859-2">', b"Mi\xb3osz", "Mi\u0142osz", "iso8859-2"),
        ("<meta charset=windows-1250>", b"\x9cwiat", "\u015bwiat", "cp1250"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">',
            b"Mi\xb3osz",
            "Mi\u0142osz",
            "iso8859-2",
        ),
        # Browsers read a declared Latin-1 or ASCII page as windows-1252.
        ('<meta charset="iso-8859-1">', b"\x93notify\x94", "\u201cnotify\u201d", "cp1252"),
    ],
)
def test_html_that_is_not_utf8_is_decoded_with_its_meta_charset(
    meta: str, body: bytes, text: str, encoding: str
) -> None:
    read = read_bytes(f"<html><head>{meta}</head><body><p>".encode() + body + b"</p></body></html>")
    assert (read.text, read.encoding) == (text, encoding)
    assert len(read.diagnostics) == 1 and "declares" in read.diagnostics[0]


def test_html_that_is_valid_utf8_is_read_as_utf8_whatever_it_declares() -> None:
    read = read_bytes('<meta charset="windows-1252"><p>caf\u00e9</p>'.encode())
    assert (read.text, read.encoding) == ("caf\u00e9", "utf-8")
    assert read.diagnostics == ("the page declares charset cp1252 but is valid UTF-8: read as UTF-8",)


@pytest.mark.parametrize("charset", ["utf-8", "klingon-1", "zlib", "utf-16"])
def test_html_whose_meta_charset_does_not_fit_falls_back_to_cp1252(charset: str) -> None:
    head = f'<meta charset="{charset}"><p>'.encode()
    read = read_bytes(head + b"\x93notify\x94</p>")
    assert (read.text, read.encoding) == ("\u201cnotify\u201d", "cp1252")
    assert read.diagnostics[-1] == f"not valid UTF-8 (byte 0x93 at offset {len(head)}): read as cp1252"


# ---- HTML to text: structure ----------------------------------------------------------


def test_title_is_the_first_block_and_the_rest_of_head_is_dropped() -> None:
    markup = (
        "<html><head><meta name='description' content='meta text'><title>WTO | MC12</title>"
        "<style>p {color: red}</style><script>var x = 1;</script><link rel='stylesheet' href='a.css'></head>"
        "<body><p>The Ministerial Conference,</p></body></html>"
    )
    assert html_to_text(markup) == "WTO | MC12\n\nThe Ministerial Conference,"


@pytest.mark.parametrize("tag", ["script", "style", "template", "noscript"])
def test_hidden_elements_are_dropped_but_the_text_after_them_is_kept(tag: str) -> None:
    assert html_to_text(f"<p>one <{tag}>hidden()</{tag}>two</p>") == "one two"


def test_comments_are_dropped_but_the_text_after_them_is_kept() -> None:
    assert html_to_text("<p>one <!-- a note -->two</p><!-- end --><p>three</p>") == "one two\n\nthree"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>17&nbsp;June</p>", "17\u00a0June"),
        ("<p>Programme&rsquo;s</p>", "Programme\u2019s"),
        ("<p>&ldquo;no harm&rdquo;</p>", "\u201cno harm\u201d"),
        ("<p>News &amp; events</p>", "News & events"),
        ("<p>trade&#8209;related</p>", "trade\u2011related"),
        ("<p>9&ndash;10 &middot; A&#x2013;Z</p>", "9\u201310 \u00b7 A\u2013Z"),
        ("<p>Fran&ccedil;ais &copy;</p>", "Fran\u00e7ais \u00a9"),
    ],
)
def test_entities_are_decoded(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_inline_elements_flow_inside_their_block() -> None:
    markup = "<p><em>Decides</em> as <a href='#'>follows</a><sup>1</sup>:</p>"
    assert html_to_text(markup) == "Decides as follows1:"


def test_white_space_in_a_block_is_folded_but_no_break_spaces_stay() -> None:
    assert (
        html_to_text("<p>\n  Members \t shall\r\n notify&nbsp; &nbsp;it  </p>") == "Members shall notify\u00a0 \u00a0it"
    )


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>WT/MIN(22)/29<br>WT/L/1140</p>", "WT/MIN(22)/29\nWT/L/1140"),
        ("<p>one <br/>\n two</p>", "one\ntwo"),
        ("<p>one<br></p><p>two</p>", "one\n\ntwo"),
        ("<p><br>one</p>", "one"),
        ("<p>one<br><br>two</p>", "one\n\ntwo"),
        ("<p>one<br> <br>\n<br>two</p>", "one\n\ntwo"),
    ],
)
def test_br_is_a_line_break_inside_its_block(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


@pytest.mark.parametrize(
    "tag",
    [
        "p", "div", "h1", "h2", "h6", "header", "footer", "nav", "section", "article", "aside",
        "figure", "figcaption", "blockquote", "pre", "dd", "dt", "main", "address", "caption",
    ],
)  # fmt: skip
def test_block_elements_become_blocks_separated_by_one_blank_line(tag: str) -> None:
    markup = f"before<{tag}>inside <b>it</b></{tag}>after"
    assert html_to_text(markup) == "before\n\ninside it\n\nafter"


def test_nested_blocks_give_exactly_one_blank_line_between_blocks() -> None:
    markup = "<div>\n\n<div><p>one</p>\n\n</div>\n<section>\n<h2>two</h2><div><div>three</div></div></section></div>"
    assert html_to_text(markup) == "one\n\ntwo\n\nthree"


def test_empty_blocks_are_dropped() -> None:
    assert html_to_text("<p></p><p> </p><p>&nbsp;</p><div><p>one</p><hr></div><p>\n</p><ul><li></li></ul>") == "one"


@pytest.mark.parametrize("markup", ["", "   \n", "<!-- nothing -->", "<p></p>", "<script>x()</script>"])
def test_markup_without_visible_text_gives_empty_text(markup: str) -> None:
    assert html_to_text(markup) == ""


def test_table_cells_of_a_row_are_joined_by_a_tab() -> None:
    markup = (
        "<table><caption>Annex</caption><tr><th>Para</th><th>Text</th></tr>"
        "<tr><td>1.</td><td>To hold a <em>review</em></td><td></td></tr></table>"
    )
    assert html_to_text(markup) == "Annex\n\nPara\tText\n\n1.\tTo hold a review"


def test_pre_keeps_its_line_breaks() -> None:
    assert html_to_text("<pre>WT/L/1079\n\n  Decides:\n  1. To hold</pre>") == "WT/L/1079\n\nDecides:\n1. To hold"


def test_meta_charset_and_xml_declaration_do_not_change_how_text_is_parsed() -> None:
    markup = "<?xml version='1.0' encoding='latin-1'?><html><head><meta charset='windows-1252'></head><p>caf\u00e9</p>"
    assert html_to_text(markup) == "caf\u00e9"


def test_images_give_no_text() -> None:
    assert html_to_text("<p><img src='logo.svg' alt='WTO logo'> World Trade Organization</p>") == (
        "World Trade Organization"
    )


# ---- HTML to text: lists --------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<ol><li>one</li><li>two</li></ol>", "1. one\n\n2. two"),
        ('<ol start="3"><li>one<li>two</ol>', "3. one\n\n4. two"),
        ('<ol start="0"><li>one</ol>', "0. one"),
        ('<ol type="a"><li>one<li>two</ol>', "(a) one\n\n(b) two"),
        ('<ol type="a" start="26"><li>one<li>two</ol>', "(z) one\n\n(aa) two"),
        ('<ol type="i"><li>one<li>two<li>three<li>four</ol>', "(i) one\n\n(ii) two\n\n(iii) three\n\n(iv) four"),
        ('<ol type="i" start="9"><li>one<li>two</ol>', "(ix) one\n\n(x) two"),
        ('<ol type="A"><li>one<li>two</ol>', "A. one\n\nB. two"),
        ('<ol type="I" start="4"><li>one</ol>', "IV. one"),
        ('<ol type="x" start="x"><li>one</ol>', "1. one"),
        ('<ol><li>one<li value="7">two<li>three</ol>', "1. one\n\n7. two\n\n8. three"),
        ('<ol style="list-style-type: lower-alpha"><li>one</ol>', "(a) one"),
        ('<ol style="margin: 0; list-style: upper-roman inside"><li>one</ol>', "I. one"),
        ('<ol style="list-style: none"><li>1. one</ol>', "1. one"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n\n- two"),
        ("<li>stray</li>", "- stray"),
    ],
)
def test_list_items_are_blocks_with_their_marker(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_nested_lists_number_independently() -> None:
    markup = (
        "<ol><li>Members shall:<ol type='a'><li>notify;</li><li>report.</li></ol></li>"
        "<li>The Committee shall:<ol type='a'><li>review;</li></ol></li><li>Done.</li></ol>"
    )
    assert blocks(html_to_text(markup)) == [
        "1. Members shall:",
        "(a) notify;",
        "(b) report.",
        "2. The Committee shall:",
        "(a) review;",
        "3. Done.",
    ]


def test_nested_ordered_list_restarts_at_one() -> None:
    assert html_to_text("<ol><li>x<ol><li>y<li>z</ol><li>w</ol>") == "1. x\n\n1. y\n\n2. z\n\n2. w"


def test_nested_bullets_inside_numbered_item() -> None:
    assert html_to_text("<ol start=5><li>x<ul><li>y</ul></ol>") == "5. x\n\n- y"


def test_item_marker_goes_on_its_first_block_only() -> None:
    assert html_to_text("<ol><li><p>one</p><p>more</p></li><li>two</li></ol>") == "1. one\n\nmore\n\n2. two"


def test_item_without_text_of_its_own_passes_its_marker_to_the_nested_item() -> None:
    assert html_to_text("<ol start='2'><li><ol type='a'><li>notify</ol></ol>") == "2. (a) notify"


def test_empty_item_still_counts_but_gives_no_block() -> None:
    assert html_to_text("<ol><li></li><li>two</li></ol>") == "2. two"


# ---- HTML to text: any input ----------------------------------------------------------

_PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<ol start=0>", "<ol type=i>", "</ol>", "<ul>", "</ul>", "<li>", "</li>",
    "<br>", "<br><br>", "<table><tr><td>", "</td><td>", "</table>", "<pre>", "</pre>", "<!--", "-->", "<script>",
    "</script>", "<head><title>", "</title></head>", "&nbsp;", "&rsquo;", "&", " ", "\n", "\r\n", "\t", "\u00a0",
    "Members", "shall", "1.", "\x00", "\ufeff",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=5)).map("".join))
def test_html_to_text_gives_clean_blocks_for_any_markup(markup: str) -> None:
    text = html_to_text(markup)
    assert "\n\n\n" not in text
    assert not text.startswith("\n") and not text.endswith("\n")
    for block in blocks(text) if text else []:
        assert block.strip(), "no empty blocks"
        assert block == block.strip(" \t\n\r\f"), "no white space around a block"
        assert "  " not in block, "white space folded"


# ---- the corpus pages -----------------------------------------------------------------


@pytest.mark.parametrize("source", ["str", "path"])
def test_read_path_reads_corpus_html_as_html(source: str) -> None:
    path = CORPUS / "wfp-2022.html"
    read = read_path(os.fspath(path) if source == "str" else path)
    assert (read.surface, read.encoding, read.diagnostics) == ("html", "utf-8", ())


ECOM_2019_BLOCKS = [
    "WTO | Electronic commerce \u2013 General Council decision on the Work Programme (WT/L/1079)",
    "WT/L/1079",
    "Work Programme on Electronic Commerce",
    "General Council Decision of 10\u00a0December\u00a02019",
    "The General Council,",
    "Decides as follows:",
    "1. To reinvigorate the work under the Work Programme on Electronic Commerce, building on the Work Programme\u2019s"
    " existing mandate as set out in WT/L/274;",
    "2. To hold, in the beginning part of 2020, structured discussions on all the trade\u2011related topics of interest"
    " that Members, LDCs included, bring forward, including on the scope, definition and impact of the moratorium on"
    " customs duties on electronic transmissions;",
    "3. That Members will maintain the current practice of not imposing customs duties on electronic transmissions"
    " until the Twelfth Session of the Ministerial Conference.",
    "__________",
    "See also",
    "- The 1998 Work Programme on Electronic Commerce",
    "The WTO\u2019s website uses cookies to improve your experience.",
]

WFP_2022_BLOCKS = [
    "WTO | MC12 \u2013 World Food Programme food purchases exemption from export prohibitions or restrictions",
    "Home > Ministerial conferences > MC12 > Outcome documents",
    "WT/MIN(22)/29\nWT/L/1140",
    "Ministerial Conference \u2013 Twelfth Session \u2013 Geneva, 12\u201315\u00a0June\u00a02022",
    "Adopted on 17\u00a0June\u00a02022",
    "The Ministerial Conference,",
    "Having regard to paragraph\u00a01 of Article\u00a0IX of the Marrakesh Agreement Establishing the World Trade"
    " Organization;",
    "Decides as follows:",
    "1. Members shall not impose export prohibitions or restrictions on foodstuffs bought by the World Food Programme"
    " for non-commercial humanitarian purposes.",
    "2. This Decision shall not be construed to prevent any Member from adopting measures to secure its domestic food"
    " security in accordance with the relevant provisions of the WTO agreements.",
    "__________",
    "Ministers at the closing session of MC12, 17\u00a0June\u00a02022.",
    "Back to top",
    "This website uses cookies to improve your experience. Accept More information",
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("ecom-2019-gc.html", ECOM_2019_BLOCKS), ("wfp-2022.html", WFP_2022_BLOCKS)],
)
def test_corpus_page_gives_its_blocks_in_order(name: str, expected: list[str]) -> None:
    found = blocks(read_path(CORPUS / name).text)
    assert [block for block in found if block in expected] == expected


@pytest.mark.parametrize("name", ["ecom-2019-gc.html", "wfp-2022.html"])
def test_corpus_page_keeps_navigation_and_starts_with_its_title(name: str) -> None:
    found = blocks(read_path(CORPUS / name).text)
    assert found[0].startswith("WTO | ")
    assert found[1] == "Skip to main content"
    assert "- About WTO" in found and "- News & events" in found
