"""A new paper entry from a candidate: its id, fields in schema order, and validation.

Nothing is invented: a missing summary stays missing (``check`` warns until someone
writes one), and a list that names no authors gives ``authors: [others]``, which
``check`` reports as a warning (``authors-unknown``) until the names are filled in.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .. import ids
from ..bibtex import base_key
from ..fields import RESERVED_SLUGS
from ..loader import load_text
from ..problems import Problem
from ..schema import OTHERS, Paper
from ..yamlwrite import FormatError, new_document
from .records import Candidate
from .venues import year_in_url

MAX_ID = 64
# What a paper is about or who wrote it, never its own name: "ChatGPT: The End of Online
# Exam Integrity?" must not take the id 'chatgpt', nor a row labelled 'Anthropic'.
NOT_NAMES = frozenset(
    "chatgpt gpt gpt-3 gpt-3-5 gpt-4 gpt-4v llm llms ai agi anthropic openai google "
    "deepmind meta microsoft survey".split()
)
_NAME_ID = re.compile(r"^[A-Za-z0-9][\w.+-]*(?: [\w.+-]+)?$")


def paper_date(candidate: Candidate) -> str | None:
    """The first version's month from the arXiv id, else the date the line states
    (in its text, or in a proceedings address such as ``aclanthology.org/2023.acl-long.1``)."""
    if candidate.arxiv:
        year, month = ids.arxiv_month(candidate.arxiv)
        if candidate.year and candidate.year < year:
            return str(candidate.year)  # the list knows an earlier version (rare, old ids)
        return f"{year}-{month:02d}"
    if candidate.year and candidate.month:
        return f"{candidate.year}-{candidate.month:02d}"
    stated = candidate.year or year_in_url(candidate.links.get("paper"))
    return str(stated) if stated else None


def paper_data(
    candidate: Candidate, topics: list[str], survey_id: str, date: str, today: dt.date
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "",
        "title": candidate.title,
        "authors": candidate.authors or [OTHERS],
        "date": date,
    }
    if candidate.arxiv:
        data["arxiv"] = candidate.arxiv
    if candidate.doi:
        data["doi"] = candidate.doi
    if candidate.venue:
        data["venue"] = candidate.venue
    links = {k: v for k, v in candidate.links.items() if not (k == "paper" and candidate.arxiv)}
    if links:
        data["links"] = dict(sorted(links.items(), key=lambda kv: _LINK_ORDER.index(kv[0])))
    if candidate.organizations:
        data["organizations"] = list(dict.fromkeys(o[:160] for o in candidate.organizations))
    data["topics"] = list(topics)
    if candidate.facets:
        data["facets"] = {survey_id: dict(candidate.facets)}
    data["added"] = today.isoformat()
    return data


_LINK_ORDER = ["paper", "pdf", "code", "project", "demo", "data", "model", "video", "blog"]


def choose_id(candidate: Candidate, date: str, taken: set[str]) -> str:
    """The paper's own name ('RoBERTa: ...'), else the name the line gives it (a table's
    model column, a post's title), else first author + year + title word.

    The title's name comes first: a list may label a paper with what it is cited for
    (the corpus 'CC-News' for RoBERTa, 'Sandwich-LN' for CogView).
    """
    options: list[str] = []
    for name in (_title_name(candidate.title), candidate.name):
        if name and _NAME_ID.match(name) and ids.slugify(name) not in NOT_NAMES:
            options.append(ids.slugify(name, max_length=40))
    probe = Paper.model_construct(
        title=candidate.title, authors=candidate.authors or [OTHERS], date=date
    )
    author_key = base_key(probe)
    if not author_key.startswith("anon"):
        options.append(author_key)
    words = ids.slugify(candidate.title, max_length=200).split("-")
    significant = [w for w in words if len(w) > 2] or words
    options.append("-".join(significant[:4]) or "paper")
    for option in options:
        option = option[:MAX_ID].strip("-")
        if option and option not in taken and option not in RESERVED_SLUGS:
            return option
    stem = options[0][: MAX_ID - 4].strip("-") or "paper"
    return next(f"{stem}-{n}" for n in range(2, 100_000) if f"{stem}-{n}" not in taken)


def _title_name(title: str) -> str | None:
    """'LLaMA: Open and Efficient ...' -> 'LLaMA' (a short name before a colon)."""
    head, sep, _ = title.partition(":")
    return head.strip() if sep and 0 < len(head.strip()) <= 24 else None


def render_new(data: dict[str, Any], today: dt.date) -> tuple[str | None, list[Problem]]:
    """The file text for a new entry and its problems; None when it would not be valid."""
    try:
        text = new_document(data, "paper")
    except FormatError as exc:
        return None, exc.problems or [Problem(f"papers/{data['id']}.yml", str(exc))]
    loaded = load_text(text, f"papers/{data['id']}.yml", data["id"], Paper, today=today)
    if loaded.model is None:
        return None, [p for p in loaded.problems if p.is_error]
    return text, loaded.problems
