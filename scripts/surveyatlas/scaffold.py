"""Drafting new entries: a paper from an arXiv record (or from its id alone), a survey
skeleton, the entry's id, and finding a paper that is already in the atlas.

Nothing here writes; the commands validate the draft and then create the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import ids
from .arxiv import ArxivRecord
from .fields import RESERVED_SLUGS
from .loader import discover, load_file
from .schema import Survey
from .taxonomy import node_map
from .yamlcomments import Comments
from .yamlsource import parse_yaml, read_text

MAX_AUTHORS = 20  # longer lists keep the first KEPT_AUTHORS names, then "others"
KEPT_AUTHORS = 10
MAX_VENUE = 160
SUMMARY_TODO = (
    "# TODO: write the summary: one to three sentences, in your own words, on what the"
    " paper contributes (`surveyatlas check` warns until you do)"
)
_STOPWORDS = frozenset(
    "a an the on of in for to and with via from by at is are towards toward how what when "
    "why do does can we your our".split()
)


@dataclass(frozen=True)
class Existing:
    path: str
    reason: str  # e.g. "arXiv id 2304.08485"


# --------------------------------------------------------------------------- ids


def paper_slug(title: str | None, authors: list[str], year: int, arxiv_id: str) -> str:
    """The model's name when the title leads with one (one or two words before a colon:
    ``LLaVA-Phi: ...`` gives ``llava-phi``), else ``<surname><year><word>``."""
    if title:
        head, colon, _ = title.partition(":")
        words = head.split()
        named = 0 < len(words) <= 2 and words[0].lower() not in _STOPWORDS  # "LLaVA-Phi"
        if colon and named and len(head) <= 32:
            slug = ids.slugify(head)
            if _usable(slug):
                return slug
        surname = _ascii_word(authors[0].split()[-1]) if authors and authors[0].split() else ""
        words = [_ascii_word(word) for word in title.split()]
        word = next((w for w in words if w and w not in _STOPWORDS), "")
        slug = f"{surname}{year}{word}"
        if surname and word and _usable(slug):
            return slug
    return "arxiv-" + re.sub(r"[^a-z0-9]+", "-", arxiv_id.lower()).strip("-")


def _ascii_word(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", text)


def _usable(slug: str) -> bool:
    return bool(ids.SLUG.fullmatch(slug)) and slug not in RESERVED_SLUGS and len(slug) <= 60


def free_slug(slug: str, folder: Path) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... whichever has no file yet."""
    candidate, number = slug, 1
    while (folder / f"{candidate}.yml").exists():
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


# --------------------------------------------------------------------------- drafts


def paper_from_record(record: ArxivRecord, topics: list[str], today: dt.date) -> dict[str, Any]:
    authors = list(record.authors)
    if len(authors) > MAX_AUTHORS:
        authors = [*authors[:KEPT_AUTHORS], "others"]
    year = int(record.published[:4])
    data: dict[str, Any] = {
        "id": paper_slug(record.title, authors, year, record.arxiv_id),
        "title": record.title,
        "authors": authors,
        "date": record.published,
        "arxiv": record.arxiv_id,
    }
    if record.doi:
        data["doi"] = record.doi
    if record.journal_ref and len(record.journal_ref) <= MAX_VENUE:
        data["venue"] = record.journal_ref
    data.update({"topics": topics, "summary": None, "added": today})
    return data


def paper_from_id(arxiv_id: str, topics: list[str], today: dt.date) -> dict[str, Any]:
    year, month = ids.arxiv_month(arxiv_id)
    return {
        "id": paper_slug(None, [], year, arxiv_id),
        "title": None,
        "authors": None,
        "date": f"{year}-{month:02d}",
        "arxiv": arxiv_id,
        "topics": topics,
        "summary": None,
        "added": today,
    }


def paper_comments(fetched: bool) -> Comments:
    comments = Comments()
    comments.notes(("summary",)).lead.append(SUMMARY_TODO)
    if not fetched:
        comments.notes(("title",)).lead.append("# TODO: the title, as the arXiv page gives it")
        comments.notes(("authors",)).lead.append(
            "# TODO: the authors in order, one '- Name' per line (end a long list with: others)"
        )
        comments.notes(("date",)).lead.append(
            "# TODO: the month comes from the arXiv id; add the day of the first version if known"
        )
    return comments


def survey_skeleton(survey_id: str) -> tuple[dict[str, Any], Comments]:
    data: dict[str, Any] = {
        "id": survey_id,
        "kind": "survey",
        "title": None,
        "authors": None,
        "year": None,
        "arxiv": None,
        "links": {"paper": None, "repo": None},
        "description": None,
        "taxonomy": [{"id": "first-topic", "name": None, "description": None}],
    }
    comments = Comments()
    todo = {
        ("title",): "# TODO: the survey's title, as it gives it",
        ("authors",): "# TODO: the authors in order, one '- Name' per line (or end with: others)",
        ("year",): "# TODO: the year of the first version, e.g. 2024 (or remove the line)",
        ("arxiv",): '# TODO: the bare arXiv id in quotes, e.g. "2401.13601" (or remove the line)',
        ("links",): "# TODO: links to the paper and its companion list (remove the ones it lacks)",
        ("description",): "# TODO: one or two sentences in our own words on what it covers",
        ("taxonomy",): "# TODO: the survey's own sections as a tree of topics (ids are slugs)",
    }
    for path, text in todo.items():
        comments.notes(path).lead.append(text)
    return data, comments


# --------------------------------------------------------------------------- the atlas


def topic_paths(content_dir: Path) -> tuple[set[str], list[str]]:
    """Every topic path of the surveys that load, and the surveys that failed to load."""
    paths: set[str] = set()
    failed: list[str] = []
    files, _ = discover(content_dir, "surveys")
    for path in files:
        loaded = load_file(path, Survey, today=dt.date.today())
        if loaded.model is None:
            failed.append(loaded.display)
        else:
            paths.update(node_map(loaded.model))  # type: ignore[arg-type]
    return paths, failed


def unknown_topics(wanted: list[str], known: set[str]) -> list[str]:
    messages = []
    for path in wanted:
        if path not in known:
            close = difflib.get_close_matches(path, sorted(known), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            messages.append(f"'{path}'{hint}")
    return messages


def paper_files(content_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(display path, parsed mapping) of every paper file that parses, valid or not."""
    files, _ = discover(content_dir, "papers")
    for path in files:
        text, _ = read_text(path, str(path))
        if text is None:
            continue
        data, problems = parse_yaml(text, str(path))
        if not problems and isinstance(data, dict):
            yield str(path), data


def find_existing(
    content_dir: Path, arxiv_id: str | None, doi: str | None, title: str | None = None
) -> Existing | None:
    """A paper file that already holds this arXiv id (any version, or as an arXiv link),
    this DOI, or exactly this title."""
    title_key = ids.normalize_title(title) if title else None
    for display, data in paper_files(content_dir):
        arxiv = data.get("arxiv")
        if arxiv_id and isinstance(arxiv, str) and ids.normalize_arxiv(arxiv) == arxiv_id:
            return Existing(display, f"arXiv id {arxiv_id}")
        links = data.get("links")
        urls = [u for u in links.values() if isinstance(u, str)] if isinstance(links, dict) else []
        if arxiv_id and any(found == arxiv_id for u in urls for found, _ in ids.arxiv_ids_in(u)):
            return Existing(display, f"a link to arXiv {arxiv_id}")
        other = data.get("doi")
        if doi and isinstance(other, str) and ids.normalize_doi(other) == doi.lower():
            return Existing(display, f"DOI {doi}")
        other_title = data.get("title")
        if (
            title_key
            and isinstance(other_title, str)
            and ids.normalize_title(other_title) == title_key
        ):
            return Existing(display, "the same title")
    return None


def create_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text`` in one step, refusing (FileExistsError) if it exists.

    The text goes to a temporary file that is then linked into place: an interrupted
    run leaves no file, and a file someone created meanwhile is never overwritten.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.link(tmp, path)
    finally:
        os.unlink(tmp)
