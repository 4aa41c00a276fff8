"""A table row (GitHub pipe table or HTML table) as a candidate: which column holds the
title, the model name, the date, the venue or the authors is read from the header."""

from __future__ import annotations

import re

from .lineparse import clean_title
from .links import sort_links
from .people import parse_authors, split_et_al
from .records import Candidate, one_line
from .spans import Span, links_of, text_of
from .venues import parse_date, parse_venue


def row_candidate(header: list[str], cells: list[list[Span]]) -> Candidate:
    """The facts of one row; the caller sets its lines and section."""
    roles = _column_roles(header, len(cells))
    c = Candidate(line=0, end=0, text=one_line(" | ".join(text_of(spans) for spans in cells)))
    facts = sort_links([pair for spans in cells for pair in links_of(spans)])
    c.arxiv, c.doi, c.links = facts.arxiv, facts.doi, facts.links
    c.bad_arxiv = facts.bad_arxiv if not c.arxiv else None
    for index, spans in enumerate(cells):
        role = roles.get(index)
        text = text_of([s for s in spans if not s.image])
        if role in ("title", "name") and not c.title:
            c.title = clean_title(text)
            c.title_is_name = role == "name"  # a model's name, not the paper's title
        elif role == "date" and text:
            parsed = parse_date(text)
            if parsed:
                c.year, c.month = parsed
        elif role == "venue" and text:
            c.venue, year = parse_venue(text)
            c.year = c.year or year
        elif role == "authors" and text:
            names, shortened, _ = split_et_al(text)
            c.authors = parse_authors(names, shortened)
    if not c.title and cells:
        c.title = clean_title(text_of(cells[0]))
    return c


_ROLE_PATTERNS = [
    ("title", re.compile(r"\b(title|paper|papers|publication)\b", re.I)),
    ("name", re.compile(r"\b(model|models|name|method|methods|system)\b", re.I)),
    ("date", re.compile(r"\b(date|time|release|released|timeline|year|published)\b", re.I)),
    ("venue", re.compile(r"\b(venue|conference|journal|publisher|pub)\b", re.I)),
    ("authors", re.compile(r"\bauthors?\b", re.I)),
]


def _column_roles(header: list[str], width: int) -> dict[int, str]:
    roles: dict[int, str] = {}
    taken: set[str] = set()
    for role, pattern in _ROLE_PATTERNS:
        for index, name in enumerate(header[:width]):
            if index not in roles and role not in taken and pattern.search(name):
                if role in ("title", "name") and ("title" in taken or "name" in taken):
                    continue
                roles[index] = role
                taken.add(role)
    return roles
