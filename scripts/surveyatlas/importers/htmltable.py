"""Rows of HTML tables (``<table>`` written straight into a README), cells aligned
to their header columns even when earlier rows span several rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, label)


@dataclass
class Row:
    line: int  # offset of the <tr> within the parsed text, 0-based
    cells: list[Cell]
    header: bool = False
    end: int = 0  # offset of the line that closes the row


@dataclass
class Table:
    header: list[str]
    rows: list[Row]


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[Row]] = []
        self.row: Row | None = None
        self.cell: Cell | None = None
        self.spans: list[list[int]] = []  # per table: pending rowspan per column
        self.href: str | None = None
        self.label = ""
        self.col = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.tables.append([])
            self.spans.append([])
        elif tag == "tr" and self.tables:
            self._close_row()  # READMEs leave out </tr>; a new row closes the last one
            self.row = Row(self.getpos()[0] - 1, [])
            self.col = 0
        elif tag in ("td", "th") and self.row is not None:
            self._fill_spanned()
            self.cell = Cell()
            self.row.header = self.row.header or tag == "th"
            span = _int(values.get("rowspan"), 1)
            pending = self.spans[-1]
            while len(pending) <= self.col:
                pending.append(0)
            pending[self.col] = span - 1
        elif tag == "a" and self.cell is not None:
            self.href, self.label = values.get("href", ""), ""
        elif tag == "br" and self.cell is not None:
            self.cell.text += " "

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.cell.text = " ".join(self.cell.text.split())
            self.row.cells.append(self.cell)
            self.cell = None
            self.col += 1
        elif tag in ("tr", "tbody", "thead", "table"):
            self._close_row()
        elif tag == "a" and self.cell is not None and self.href is not None:
            self.cell.links.append((self.href, " ".join(self.label.split())))
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data
            if self.href is not None:
                self.label += data

    def _close_row(self) -> None:
        if self.row is None or not self.tables:
            return
        self.row.end = self.getpos()[0] - 1
        self._fill_spanned()
        if self.row.cells:
            self.tables[-1].append(self.row)
        self.row = None

    def _fill_spanned(self) -> None:
        """Columns still covered by a cell from a row above get an empty cell."""
        if self.row is None or not self.spans:
            return
        pending = self.spans[-1]
        while self.col < len(pending) and pending[self.col] > 0:
            pending[self.col] -= 1
            self.row.cells.append(Cell())
            self.col += 1


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


def parse_tables(html: str) -> list[Table]:
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    tables = []
    for rows in parser.tables:
        header_rows = [r for r in rows if r.header and any(c.text for c in r.cells)]
        header = [c.text for c in header_rows[0].cells] if header_rows else []
        tables.append(Table(header, [r for r in rows if not r.header]))
    return tables
