"""A Markdown document as a tree of blocks, with HTML comments taken out first.

GitHub hides ``<!-- ... -->``; lists use comments to park entries they do not want
shown, so the importer must not import them either. Comments are blanked (keeping
line numbers) before parsing, and each hidden line that carries an arXiv link is
remembered so the report can account for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it.token import Token

from .spans import make_parser

# HTML ends a comment at "-->" and also at "--!>" (which lists use by mistake).
_COMMENT = re.compile(r"<!--.*?(?:-->|--!>|\Z)", re.DOTALL)
ARXIV_MENTION = re.compile(r"arxiv\.org/(?:abs|pdf|html|format|ftp)/", re.IGNORECASE)


@dataclass
class Block:
    type: str  # markdown-it's type without _open: "heading", "list_item", "inline", "table"...
    token: Token
    children: list[Block] = field(default_factory=list)

    @property
    def lines(self) -> tuple[int, int]:
        """(first, last) 1-based source lines, or (0, 0) when unknown."""
        if self.token.map:
            return self.token.map[0] + 1, self.token.map[1]
        return 0, 0

    def walk(self) -> Iterator[Block]:
        yield self
        for child in self.children:
            yield from child.walk()

    def first(self, kind: str) -> Block | None:
        return next((b for b in self.walk() if b.type == kind), None)


@dataclass
class Document:
    blocks: list[Block]
    lines: list[str]  # the original source lines
    hidden: list[tuple[int, str]]  # (line, text) of commented-out lines with arXiv links

    def source(self, first: int, last: int) -> str:
        return "\n".join(self.lines[first - 1 : last])


def strip_comments(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with comments blanked (newlines kept), and the hidden arXiv lines."""
    hidden: list[tuple[int, str]] = []

    def blank(match: re.Match[str]) -> str:
        start_line = text.count("\n", 0, match.start()) + 1
        for offset, line in enumerate(match.group().split("\n")):
            if ARXIV_MENTION.search(line):
                hidden.append((start_line + offset, line))
        return re.sub(r"[^\n]", " ", match.group())

    return _COMMENT.sub(blank, text), hidden


def parse_document(text: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    visible, hidden = strip_comments(text)
    tokens = make_parser().parse(visible)
    return Document(build_tree(tokens), text.split("\n"), hidden)


def build_tree(tokens: list[Token]) -> list[Block]:
    root: list[Block] = []
    stack: list[Block] = []
    for token in tokens:
        if token.nesting == -1:
            if stack:
                stack.pop()
            continue
        kind = token.type.removesuffix("_open")
        block = Block(kind, token)
        (stack[-1].children if stack else root).append(block)
        if token.nesting == 1:
            stack.append(block)
    return root
