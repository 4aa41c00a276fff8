"""Awesome-list Markdown to candidates: every list item, table row and stray link.

Headings give each item its section (a path of heading names); bold-only lines such as
``**Causal Decoder**`` and link-less list items with sub-items act as sub-headings.
Every line that carries an arXiv link ends up either in a candidate or in a skip with
a reason, so an import can account for the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .htmltable import parse_tables
from .lineparse import clean_title, parse_line
from .links import bare_urls
from .mdtree import ARXIV_MENTION, Block, Document, parse_document
from .record import group_records, is_record, read_record, record_name
from .records import Candidate, Skip, one_line
from .spans import Span, flatten, links_of, text_of
from .tablerows import row_candidate

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[ivxIVX]+\.|[A-Z]\.)\s+")
_NEW_MARK = re.compile(r"^\(?new\)?\s*[:!-]?\s*", re.IGNORECASE)
_LEADING_SYMBOLS = re.compile(r"^[^\w(\"“]+")
MAX_PSEUDO_HEADING = 80


@dataclass
class Extraction:
    candidates: list[Candidate] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    headings: dict[tuple[str, ...], int] = field(default_factory=dict)  # path -> line


def heading_name(text: str) -> str:
    """'🚀(New) 2.1 Fact Checking:' -> 'Fact Checking'."""
    value = re.sub(r"\[[^\]]*\]\([^)]*\)", "", text)  # links left as text by the caller
    value = " ".join(value.split())
    for _ in range(3):
        value = _LEADING_SYMBOLS.sub("", value)
        value = _NEW_MARK.sub("", value) if value.lower().startswith(("(new", "new)")) else value
        value = _NUMBERING.sub("", value)
    return value.strip(" :：-–—").strip()


def extract_markdown(text: str, source: str = "") -> Extraction:
    doc = parse_document(text)
    walker = _Walker(doc, source)
    walker.run()
    for line, hidden in doc.hidden:
        walker.out.skipped.append(
            Skip(line, one_line(hidden), "inside an HTML comment, hidden on GitHub")
        )
    walker.out.skipped.sort(key=lambda s: s.line)
    return walker.out


class _Walker:
    def __init__(self, doc: Document, source: str) -> None:
        self.doc = doc
        self.source = source
        self.out = Extraction()
        self.stack: list[tuple[int, str]] = []  # (level, name) of real headings
        self.pseudo: str | None = None
        self.title_line = _title_heading_line(doc.blocks)

    # ------------------------------------------------------------------ sections

    def section(self, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
        names = tuple(name for _, name in self.stack)
        return names + ((self.pseudo,) if self.pseudo else ()) + extra

    def enter_heading(self, block: Block) -> None:
        level = int(block.token.tag[1:])
        inline = block.first("inline")
        spans = flatten(inline.token.children or []) if inline else []
        line = block.lines[0]
        if any(ARXIV_MENTION.search(href) for href, _ in links_of(spans)):
            self.skip(block, "a heading, not a list item")
        if line == self.title_line:
            return
        name = heading_name(text_of([s for s in spans if s.href is None]) or text_of(spans))
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.pseudo = None
        if name:
            self.stack.append((level, name))
            self.out.headings.setdefault(self.section(), line)

    # ------------------------------------------------------------------ blocks

    def run(self) -> None:
        for block in self.doc.blocks:
            self.visit(block)

    def visit(self, block: Block, extra: tuple[str, ...] = ()) -> None:
        kind = block.type
        if kind == "heading":
            self.enter_heading(block)
        elif kind == "paragraph":
            self.paragraph(block, extra)
        elif kind in ("bullet_list", "ordered_list"):
            items = [item for item in block.children if item.type == "list_item"]
            for head, fields in group_records(items):
                self.item(head, extra, fields)
        elif kind == "table":
            self.pipe_table(block, extra)
        elif kind == "html_block":
            self.html_block(block, extra)
        elif kind in ("fence", "code_block"):
            if ARXIV_MENTION.search(block.token.content):
                self.skip(block, "inside a code block (a citation or example, not a list item)")
        else:
            for child in block.children:
                self.visit(child, extra)

    def paragraph(self, block: Block, extra: tuple[str, ...]) -> None:
        inline = block.first("inline")
        spans = flatten(inline.token.children or []) if inline else []
        if not extra and _is_pseudo_heading(spans):
            self.pseudo = heading_name(text_of(spans))
            if self.pseudo:
                self.out.headings.setdefault(self.section(), block.lines[0])
            return
        candidate = self.from_line(block, spans, extra)
        if not candidate.has_identifier and not candidate.bad_arxiv:
            if ARXIV_MENTION.search(self.doc.source(*block.lines)):
                self.skip(block, "not a list item or table row")
            return
        if not self.stack and not extra:
            self.skip(block, "outside any section (an introduction, not a list entry)")
            return
        self.out.candidates.append(candidate)

    def item(self, item: Block, extra: tuple[str, ...], fields: list[Block] | None = None) -> None:
        """One list item; ``fields`` are sibling items that are really its sub-items
        (``-  Name`` then ``  - key: value`` lines indented too little to nest)."""
        fields = fields or []
        paragraphs = [c for c in item.children if c.type == "paragraph"]
        spans: list[Span] = []
        for para in paragraphs:
            inline = para.first("inline")
            if inline:
                spans += ([Span(" ")] if spans else []) + flatten(inline.token.children or [])
        sublists = [c for c in item.children if c.type in ("bullet_list", "ordered_list")]
        sub_items = [i for lst in sublists for i in lst.children if i.type == "list_item"]
        child_spans = [_own_spans(i) for i in [*sub_items, *fields]]
        if (sub_items or fields) and is_record(child_spans):
            record = self.from_record(item, spans, child_spans, extra)
            if fields:
                record.end = max(record.end, fields[-1].lines[1])
            self.out.candidates.append(record)
            return
        for field_item in fields:  # not a record after all: ordinary items
            self.item(field_item, extra)
        has_links = bool(links_of(spans)) or bool(bare_urls(text_of(spans)))
        if spans and (has_links or not sub_items):
            self.out.candidates.append(
                self.from_line(paragraphs[0] if paragraphs else item, spans, extra, item)
            )
        elif spans and sub_items:
            name = heading_name(text_of(spans))
            if name and len(name) <= MAX_PSEUDO_HEADING:
                extra = (*extra, name)
                self.out.headings.setdefault(self.section(extra), item.lines[0])
        for other in item.children:
            if other.type not in ("paragraph", "bullet_list", "ordered_list"):
                self.visit(other, extra)
        for sub in sub_items:
            self.item(sub, extra)

    # ------------------------------------------------------------------ candidates

    def base(self, block: Block, extra: tuple[str, ...], outer: Block | None = None) -> Candidate:
        first, last = block.lines
        if outer is not None:
            first = outer.lines[0]
            last = max(last, first)
        return Candidate(
            line=first,
            end=last,
            text=one_line(self.doc.source(first, last)),
            section=self.section(extra),
            source=self.source,
        )

    def from_line(
        self, block: Block, spans: list[Span], extra: tuple[str, ...], outer: Block | None = None
    ) -> Candidate:
        facts = parse_line(spans)
        c = self.base(block, extra, outer)
        c.title, c.authors, c.venue, c.name = facts.title, facts.authors, facts.venue, facts.name
        c.year, c.month = facts.year, facts.month
        c.arxiv, c.doi, c.links = facts.facts.arxiv, facts.facts.doi, facts.facts.links
        c.bad_arxiv = facts.facts.bad_arxiv if not c.arxiv else None
        return c

    def from_record(
        self, item: Block, spans: list[Span], children: list[list[Span]], extra: tuple[str, ...]
    ) -> Candidate:
        c = self.base(item, extra)
        c.end = item.lines[1]
        c.text = one_line(self.doc.source(c.line, min(c.end, c.line + 3)))
        data = read_record(children)
        own = parse_line(spans)
        c.title = clean_title(str(data.get("title") or own.title))
        c.name = record_name(spans)
        c.arxiv = data.get("arxiv") or own.facts.arxiv  # type: ignore[assignment]
        c.doi = data.get("doi") or own.facts.doi  # type: ignore[assignment]
        c.bad_arxiv = None if c.arxiv else data.get("bad_arxiv")  # type: ignore[assignment]
        c.links = {**own.facts.links, **data["links"]}  # type: ignore[dict-item]
        c.venue = data.get("venue")  # type: ignore[assignment]
        c.year = data.get("year")  # type: ignore[assignment]
        date = data.get("date")
        if isinstance(date, tuple):
            c.year, c.month = date
        c.authors = data.get("authors") or []  # type: ignore[assignment]
        c.organizations = data.get("organizations") or []  # type: ignore[assignment]
        return c

    # ------------------------------------------------------------------ tables

    def pipe_table(self, block: Block, extra: tuple[str, ...]) -> None:
        header: list[str] = []
        for row in block.walk():
            if row.type != "tr":
                continue
            cells = [c for c in row.children if c.type in ("th", "td")]
            spans = [_cell_spans(c) for c in cells]
            if any(c.type == "th" for c in cells):
                header = [text_of(s) for s in spans]
                continue
            self.table_row(row.lines[0], header, spans, extra)

    def html_block(self, block: Block, extra: tuple[str, ...]) -> None:
        html = block.token.content
        if "<table" not in html.lower():
            if ARXIV_MENTION.search(html):
                self.skip(block, "inside raw HTML that is not a table")
            return
        start = block.lines[0]
        for table in parse_tables(html):
            for row in table.rows:
                spans = [
                    [Span(cell.text)] + [Span(label, href=href) for href, label in cell.links]
                    for cell in row.cells
                ]
                if any(cell.text for cell in row.cells):
                    self.table_row(
                        start + row.line, table.header, spans, extra, start + max(row.end, row.line)
                    )

    def table_row(
        self,
        line: int,
        header: list[str],
        cells: list[list[Span]],
        extra: tuple[str, ...],
        end: int = 0,
    ) -> None:
        c = row_candidate(header, cells)
        c.line, c.end, c.section, c.source = line, end or line, self.section(extra), self.source
        self.out.candidates.append(c)

    def skip(self, block: Block, reason: str) -> None:
        first, last = block.lines
        self.out.skipped.append(Skip(first, one_line(self.doc.source(first, last)), reason, last))


def _own_spans(item: Block) -> list[Span]:
    para = next((c for c in item.children if c.type == "paragraph"), None)
    inline = para.first("inline") if para else None
    return flatten(inline.token.children or []) if inline else []


def _cell_spans(cell: Block) -> list[Span]:
    inline = cell.first("inline")
    return flatten(inline.token.children or []) if inline else []


def _is_pseudo_heading(spans: list[Span]) -> bool:
    """A paragraph that is only bold or italic text, such as ``**Causal Decoder**``."""
    visible = [s for s in spans if s.text.strip()]
    if not visible or any(s.href or s.image or s.html for s in spans):
        return False
    if not all(s.strong or s.em for s in visible):
        return False
    return len(text_of(visible)) <= MAX_PSEUDO_HEADING


def _title_heading_line(blocks: list[Block]) -> int:
    """The line of the document's title: its only level-1 heading, when it comes first."""
    headings = [b for b in blocks if b.type == "heading"]
    level_one = [b for b in headings if b.token.tag == "h1"]
    if len(level_one) == 1 and headings and headings[0] is level_one[0]:
        return level_one[0].lines[0]
    return -1
