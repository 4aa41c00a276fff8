"""Markdown inline content as a flat list of styled spans.

markdown-it parses a list item's line into tokens (text, emphasis, links, raw HTML);
importers read titles, authors and links from those spans rather than from regular
expressions over the raw line, so a ``*`` inside a title or a ``]`` inside a link
label cannot derail them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class Span:
    text: str = ""
    strong: bool = False
    em: bool = False
    href: str | None = None  # the link this text is part of
    html: str | None = None  # a raw inline HTML tag such as <ins> or </u>
    image: bool = False  # alt text of an image (a badge): never part of a title
    code: bool = False

    @property
    def plain(self) -> bool:
        return not (self.strong or self.em or self.href or self.html or self.image)


def make_parser() -> MarkdownIt:
    """CommonMark with GitHub's tables and strikethrough, the dialect of awesome lists."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def flatten(tokens: Iterable[Token]) -> list[Span]:
    """The spans of an inline token's children, in order."""
    spans: list[Span] = []
    strong = em = 0
    href: list[str] = []
    for token in tokens:
        kind = token.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong = max(0, strong - 1)
        elif kind == "em_open":
            em += 1
        elif kind == "em_close":
            em = max(0, em - 1)
        elif kind == "link_open":
            href.append(str(token.attrs.get("href", "")))
        elif kind == "link_close":
            if href:
                href.pop()
        elif kind in ("text", "code_inline"):
            spans.append(
                Span(
                    token.content,
                    strong=strong > 0,
                    em=em > 0,
                    href=href[-1] if href else None,
                    code=kind == "code_inline",
                )
            )
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" ", strong=strong > 0, em=em > 0, href=href[-1] if href else None))
        elif kind == "html_inline":
            spans.append(Span(html=token.content))
        elif kind == "image":
            alt = "".join(child.content for child in token.children or [])
            spans.append(Span(alt, image=True, href=href[-1] if href else None))
    return spans


def text_of(spans: Iterable[Span]) -> str:
    """The visible text of spans (images and HTML tags left out), whitespace collapsed."""
    return " ".join("".join(s.text for s in spans if not s.image and s.html is None).split())


def links_of(spans: Iterable[Span]) -> list[tuple[str, str]]:
    """(href, label) of every link, in order; the label is the link's text or image alt."""
    found: list[tuple[str, str]] = []
    current: str | None = None
    label = ""
    for span in spans:
        if span.href != current:
            if current is not None:
                found.append((current, " ".join(label.split())))
            current, label = span.href, ""
        if span.href is not None:
            label += span.text
    if current is not None:
        found.append((current, " ".join(label.split())))
    return found
