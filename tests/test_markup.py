"""Escaping: whatever text content holds, Markdown shows it literally and adds no markup."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from surveyatlas.markup import md_inline, paragraphs

EXTENSIONS = ["toc", "attr_list", "admonition", "tables"]
# Characters with meaning in Markdown, HTML or our extensions, weighted up.
SYNTAX = st.sampled_from(
    [
        *"\\`*_{}[]()#+-.!|<>&:~^=$\"'/ ",
        "](",
        "{:",
        "&amp;",
        "<script>",
        "javascript:",
        "{{",
        "}}",
        "\n",
    ]
)
# Content never holds control characters: the loader refuses them before this point.
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=4)
TEXT = st.lists(st.one_of(SYNTAX, PRINTABLE), max_size=30).map("".join)


def heading_text(rendered: str) -> str:
    inner = re.fullmatch(r"<h1( id=\"[^\"<>]*\")?>(.*)</h1>", rendered.strip(), re.S)
    assert inner, rendered
    assert "<" not in inner.group(2), f"markup leaked: {rendered!r}"
    return html.unescape(inner.group(2))


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_heading_shows_exactly_the_text(text: str) -> None:
    expected = " ".join(text.split())
    if not expected:
        return
    rendered = markdown.markdown("# " + md_inline(text), extensions=EXTENSIONS)
    assert heading_text(rendered) == expected


def test_known_payloads() -> None:
    for payload in [
        "[x](javascript:alert(1))",
        "{: onclick=alert(1) }",
        "<img src=x onerror=y>",
        "*a* _b_ `c`",
        "# not a heading",
        "1. not a list",
    ]:
        rendered = markdown.markdown("# " + md_inline(payload), extensions=EXTENSIONS)
        assert heading_text(rendered) == payload


def test_paragraphs_split_on_blank_lines_and_collapse_space() -> None:
    assert paragraphs("One\nline.\n\n  Two  \n\n\n") == ["One line.", "Two"]
