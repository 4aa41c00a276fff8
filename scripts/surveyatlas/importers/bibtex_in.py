"""BibTeX entries into one topic, read with bibtexparser v2.

Names are decoded from LaTeX and turned round (``Li, Junnan`` -> ``Junnan Li``); the
arXiv id comes from ``eprint`` (with ``archivePrefix = arXiv``), an arxiv.org ``url``
or a ``journal = {arXiv preprint arXiv:...}`` line. Blocks bibtexparser cannot read
are reported as skipped with their line.
"""

from __future__ import annotations

import re
from typing import Any

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

from .. import ids
from ..errors import UsageError
from ..schema import OTHERS, Survey
from ..taxonomy import node_map
from .lineparse import clean_title
from .links import clean_url, doi_in
from .records import Candidate, Skip, one_line
from .venues import parse_venue, plausible_year

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}  # fmt: skip
_ARXIV_NOTE = re.compile(r"arxiv[:\s]*(?P<id>[0-9]{4}\.[0-9]{4,5})", re.IGNORECASE)
_SKIP_TYPES = frozenset({"string", "preamble", "comment"})


def extract_bibtex(
    text: str, source: str, survey: Survey, topic: str
) -> tuple[list[Candidate], list[Skip]]:
    path = topic.strip("/")
    path = path if path.startswith(survey.id + "/") else f"{survey.id}/{path}"
    if path not in node_map(survey):
        raise UsageError(
            f"--topic {topic}: not a topic of '{survey.id}' (see `surveyatlas topics`)"
        )
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()]
    )
    lines = text.split("\n")
    candidates: list[Candidate] = []
    skipped: list[Skip] = []
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        reason = "BibTeX block cannot be read: " + str(getattr(block, "error", "")).split("\n")[0]
        skipped.append(Skip(line, one_line(block.raw or ""), reason, line, source))
    for entry in library.entries:
        if entry.entry_type.lower() in _SKIP_TYPES:
            continue
        fields = {k.lower(): f.value for k, f in entry.fields_dict.items()}
        line = (entry.start_line or 0) + 1
        c = Candidate(
            line,
            line,
            one_line(lines[line - 1] if line <= len(lines) else ""),
            source=source,
            topic=path,
        )
        _read_fields(c, fields)
        c.name = None
        candidates.append(c)
    return candidates, skipped


def _read_fields(c: Candidate, fields: dict[str, Any]) -> None:
    c.title = clean_title(
        " ".join(str(fields.get("title", "")).replace("{", "").replace("}", "").split())
    )
    c.authors = _names(fields.get("author"))
    c.arxiv = _arxiv(fields)
    c.doi = ids.normalize_doi(str(fields["doi"])) if fields.get("doi") else None
    url = clean_url(str(fields.get("url", ""))) if fields.get("url") else None
    if url and not c.arxiv and not c.doi:
        c.doi = doi_in(url)
        if not c.doi:
            c.links["paper"] = url
    venue_text = fields.get("booktitle") or fields.get("journal") or ""
    venue, _ = parse_venue(str(venue_text))
    c.venue = None if venue and _ARXIV_NOTE.search(venue) else venue
    year = str(fields.get("year", "")).strip()
    if year.isdigit() and plausible_year(int(year)):
        c.year = int(year)
        month = str(fields.get("month", "")).strip().lower()[:3]
        c.month = _MONTHS.get(month) or (
            int(month) if month.isdigit() and 1 <= int(month) <= 12 else None
        )


def _names(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    names: list[str] = []
    for parts in value:
        words = [*parts.first, *parts.von, *parts.last, *parts.jr]
        name = " ".join(" ".join(words).replace("{", "").replace("}", "").split())
        if name.lower() == OTHERS:
            names.append(OTHERS)
        elif name and len(name) <= 120:
            names.append(name)
    names = [n for n in names[:-1] if n != OTHERS] + names[-1:]
    return [] if names == [OTHERS] else names


def _arxiv(fields: dict[str, Any]) -> str | None:
    prefix = str(fields.get("archiveprefix", "")).lower()
    eprint = str(fields.get("eprint", ""))
    if eprint and (prefix in ("", "arxiv")):
        found = ids.normalize_arxiv(eprint)
        if found:
            return found
    for key in ("url", "journal", "note", "howpublished"):
        text = str(fields.get(key, ""))
        found = ids.normalize_arxiv(text) if "arxiv.org" in text else None
        match = _ARXIV_NOTE.search(text)
        found = found or (ids.normalize_arxiv(match.group("id")) if match else None)
        if found:
            return found
    return None
