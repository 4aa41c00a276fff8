"""The downloads page (``downloads/``): links to the machine-readable files.

The files themselves (``papers.json``, ``papers.bib``, ``papers.csv`` and each survey's
``surveys/<id>/papers.bib``) are written by the exporters; the feed by ``feeds.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .atlas import Atlas
from .page import Page
from .views import survey_url

SITE_FILES = [
    ("papers.json", "JSON", "Every paper with all its fields, and every survey with its taxonomy."),
    (
        "papers.bib",
        "BibTeX",
        "A citation entry for every paper, with the keys the paper pages use.",
    ),
    ("papers.csv", "CSV", "One row per paper, for spreadsheets."),
    ("feed.xml", "Atom feed", "The newest additions, for feed readers."),
]


@dataclass(frozen=True)
class Download:
    label: str
    url: str  # site-relative
    note: str


@dataclass(frozen=True)
class DownloadsView:
    files: list[Download]
    surveys: list[Download]


def survey_bibtex_url(survey_id: str) -> str:
    return f"{survey_url(survey_id)}papers.bib"


def downloads_page(atlas: Atlas) -> Page:
    files = [Download(label, url, note) for url, label, note in SITE_FILES]
    surveys = [
        Download(
            survey.display_title,
            survey_bibtex_url(sid),
            f"{len(atlas.survey_papers[sid])} entries",
        )
        for sid, survey in atlas.surveys.items()
    ]
    return Page("downloads/", "downloads.md.j2", "Downloads", DownloadsView(files, surveys))
