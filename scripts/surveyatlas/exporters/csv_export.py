"""The CSV export: one row per paper (RFC 4180), safe to open in a spreadsheet.

Content is untrusted: a cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or
carriage return) would run as a formula in a spreadsheet, so it gets a leading
apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io

from ..atlas import Atlas
from ..bibtex import paper_url
from ..schema import Paper

COLUMNS = [
    "id", "title", "authors", "date", "year", "venue", "arxiv", "doi", "url", "code",
    "organizations", "surveys", "topics", "tags", "summary", "added", "bibkey",
]  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def row(atlas: Atlas, paper: Paper) -> list[str]:
    values = {
        "id": paper.id,
        "title": paper.title,
        "authors": "; ".join(paper.authors),
        "date": paper.date,
        "year": paper.date[:4],
        "venue": paper.venue or "",
        "arxiv": paper.arxiv or "",
        "doi": paper.doi or "",
        "url": paper_url(paper) or "",
        "code": paper.links.code or "",
        "organizations": "; ".join(paper.organizations),
        "surveys": "; ".join(paper.surveys),
        "topics": "; ".join(paper.topics),
        "tags": "; ".join(paper.tags),
        "summary": " ".join((paper.summary or "").split()),
        "added": paper.added.isoformat(),
        "bibkey": atlas.bibkeys[paper.id],
    }
    return [safe_cell(values[column]) for column in COLUMNS]


def export_csv(atlas: Atlas, papers: list[Paper]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for paper in papers:
        writer.writerow(row(atlas, paper))
    return out.getvalue()
