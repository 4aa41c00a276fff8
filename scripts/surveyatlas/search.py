"""Search with Pagefind: what each paper page tells the index, and indexing a built site.

Only paper pages are indexed (they carry ``data-pagefind-body``), so a query fetches
small per-paper fragments rather than whole topic pages. Each paper page states its
result metadata (title, year, venue, surveys), its filters (survey, topic, year, venue,
organisation, has-code and survey facets) and its sort keys in a hidden block; the
search and explore pages read them through Pagefind's JavaScript API.

Filter values are ids where the atlas has ids (survey, topic path, facet option), so
URLs that carry a filter stay stable when a display name changes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .atlas import Atlas
from .errors import FileError
from .ids import normalize_title
from .schema import Paper
from .views import format_authors

BUNDLE_DIR = "pagefind"  # where Pagefind writes its files, under the site root
# A word every paper page holds (hidden). The explore page searches for it when no
# words are given: Pagefind answers a search without words by loading every chunk of
# its index (2.1 MB at 10,000 papers), but this word lives in one chunk. atlas.js
# uses the same word and keeps it out of excerpts.
ALL_PAPERS_WORD = "atlaspaperpage"
_VENUE_YEAR = re.compile(r"[\s,'’]*(?:19|20)\d\d\s*$")


class SearchIndexError(FileError):
    """Pagefind could not index the built site (exit code 4, like other I/O failures)."""


@dataclass(frozen=True)
class SearchEntry:
    """What a paper page declares to Pagefind, as (name, value) pairs."""

    word: str  # ALL_PAPERS_WORD
    meta: list[tuple[str, str]]
    filters: list[tuple[str, str]]
    sort: list[tuple[str, str]]


def venue_series(venue: str) -> str:
    """A venue without its year, so "NeurIPS 2023" and "NeurIPS 2024" group together."""
    series = _VENUE_YEAR.sub("", venue).strip()
    return series or venue.strip()


def has_code(paper: Paper) -> bool:
    return paper.links.code is not None


def date_sort_key(paper: Paper) -> str:
    """The date as a string that sorts like the date (year-only dates before January)."""
    year, month, day = paper.date_key
    return f"{year:04d}-{month:02d}-{day:02d}"


def facet_filter_name(survey_id: str, facet_id: str) -> str:
    # Slugs never contain "/", so the pair cannot collide with another pair or with
    # the core filter names.
    return f"{survey_id}/{facet_id}"


def facet_values(paper: Paper) -> list[tuple[str, str]]:
    """(filter name, option id) for each survey facet value the paper fills."""
    pairs = []
    for survey_id, facets in paper.facets.items():
        for facet_id, value in facets.items():
            values = value if isinstance(value, list) else [value]
            pairs += [(facet_filter_name(survey_id, facet_id), v) for v in values]
    return pairs


def search_entry(atlas: Atlas, paper: Paper) -> SearchEntry:
    surveys = [sid for sid in paper.surveys if sid in atlas.surveys]
    meta = [
        ("year", str(paper.year)),
        ("date", paper.date),
        ("surveys", " · ".join(atlas.surveys[sid].display_title for sid in surveys)),
        ("authors", format_authors(paper.authors)),
    ]
    if paper.venue:
        meta.append(("venue", paper.venue))
    filters = [("survey", sid) for sid in surveys]
    filters += [("topic", path) for path in paper.topics if path in atlas.topics]
    filters.append(("year", str(paper.year)))
    if paper.venue:
        filters.append(("venue", venue_series(paper.venue)))
    filters += [("org", org) for org in paper.organizations]
    filters.append(("code", "yes" if has_code(paper) else "no"))
    filters += facet_values(paper)
    sort = [("date", date_sort_key(paper)), ("title", normalize_title(paper.title))]
    return SearchEntry(word=ALL_PAPERS_WORD, meta=meta, filters=filters, sort=sort)


# --------------------------------------------------------------------------- indexing


def pagefind_command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]


def run_pagefind(site_dir: Path) -> None:
    """Index ``site_dir`` in place; its search files go to ``site_dir/pagefind/``."""
    try:
        done = subprocess.run(
            pagefind_command(site_dir), capture_output=True, text=True, timeout=900
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"could not run Pagefind: {exc}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"exit status {done.returncode}"
        hint = " (is the 'pagefind[bin]' package installed?)" if "No module" in reason else ""
        raise SearchIndexError(f"Pagefind failed on {site_dir}: {reason}{hint}")


def start_pagefind(site_dir: Path) -> subprocess.Popen[bytes]:
    """Index in the background (for the live preview, which must not wait on it)."""
    return subprocess.Popen(
        pagefind_command(site_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
