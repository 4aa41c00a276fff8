"""Taking the atlas's data away: JSON, BibTeX, CSV and a Markdown awesome list.

:func:`export` serves ``surveyatlas export``; :func:`site_downloads` gives the files the
site publishes beside its pages (``papers.json``, ``papers.bib``, ``papers.csv`` and
``surveys/<id>/papers.bib``).
"""

from __future__ import annotations

from ..atlas import Atlas
from ..schema import Paper, Survey
from .bibtex_export import export_bibtex
from .csv_export import export_csv
from .json_export import export_json, export_schema_text
from .markdown_export import export_markdown

FORMATS = ("json", "bibtex", "csv", "markdown")


def selection(atlas: Atlas, survey_id: str | None) -> tuple[list[Paper], list[Survey]]:
    """The papers (newest first) and surveys an export covers."""
    if survey_id is None:
        return list(atlas.papers.values()), list(atlas.surveys.values())
    return [atlas.papers[pid] for pid in atlas.survey_papers[survey_id]], [atlas.surveys[survey_id]]


def export(atlas: Atlas, fmt: str, survey_id: str | None = None) -> str:
    papers, surveys = selection(atlas, survey_id)
    if fmt == "json":
        return export_json(atlas, papers, surveys)
    if fmt == "bibtex":
        title = surveys[0].title if survey_id else "LLM Survey Atlas"
        return export_bibtex(atlas, papers, title)
    if fmt == "csv":
        return export_csv(atlas, papers)
    if fmt == "markdown":
        return export_markdown(atlas, survey_id)
    raise ValueError(f"unknown export format {fmt!r}")


def site_downloads(atlas: Atlas) -> dict[str, bytes]:
    """The data files the site publishes, by their path in the site."""
    papers, surveys = selection(atlas, None)
    entries: dict[str, str] = {}
    files = {
        "papers.json": export_json(atlas, papers, surveys, indent=None),
        "papers.bib": export_bibtex(atlas, papers, "LLM Survey Atlas", entries),
        "papers.csv": export_csv(atlas, papers),
    }
    for survey in surveys:
        chosen, _ = selection(atlas, survey.id)
        path = f"surveys/{survey.id}/papers.bib"
        files[path] = export_bibtex(atlas, chosen, survey.title, entries)
    return {path: text.encode("utf-8") for path, text in files.items()}


__all__ = ["FORMATS", "export", "export_schema_text", "site_downloads"]
