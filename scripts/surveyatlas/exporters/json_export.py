"""The JSON export: every paper with every field and its topics resolved to names.

The shape is a pydantic model, so the published JSON Schema
(``content/schemas/export.schema.json``) is generated from the same code that writes
the export, and a test keeps the committed file current.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..atlas import Atlas
from ..bibtex import paper_url
from ..schema import SCHEMA_BASE, Paper, Survey

EXPORT_SCHEMA_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportTopic(_Model):
    path: str = Field(description="survey-id/topic/... path, as papers list it")
    survey: str
    survey_title: str
    names: list[str] = Field(description="topic names from the top of the tree down")


class ExportPaper(_Model):
    id: str
    title: str
    authors: list[str] = Field(description="in order; 'others' last when shortened")
    date: str = Field(description="first public version: YYYY, YYYY-MM or YYYY-MM-DD")
    year: int
    arxiv: str | None
    doi: str | None
    venue: str | None
    url: str | None = Field(description="arXiv abstract page, DOI link or paper link")
    links: dict[str, str]
    organizations: list[str]
    topics: list[ExportTopic]
    tags: list[str]
    facets: dict[str, dict[str, str | list[str]]]
    summary: str | None
    added: str = Field(description="YYYY-MM-DD the entry joined the atlas")
    bibkey: str = Field(description="the citation key in papers.bib")


class ExportSurvey(_Model):
    id: str
    kind: str
    title: str
    short_title: str | None
    authors: list[str]
    year: int | None
    arxiv: str | None
    venue: str | None
    links: dict[str, str]
    description: str
    papers: int


class ExportDocument(_Model):
    schema_version: int = Field(description=f"{EXPORT_SCHEMA_VERSION} for this layout")
    surveys: list[ExportSurvey]
    papers: list[ExportPaper]


def export_data(atlas: Atlas, papers: list[Paper], surveys: list[Survey]) -> dict[str, Any]:
    """The export as plain data, in the field order of :class:`ExportDocument` (built
    directly rather than through the models: ten times faster, and the test suite
    validates the result against the published schema)."""
    topics: dict[str, dict[str, Any]] = {}  # each topic resolved once
    return {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "surveys": [_survey(atlas, s) for s in surveys],
        "papers": [_paper(atlas, p, topics) for p in papers],
    }


def _survey(atlas: Atlas, survey: Survey) -> dict[str, Any]:
    return {
        "id": survey.id,
        "kind": survey.kind,
        "title": survey.title,
        "short_title": survey.short_title,
        "authors": list(survey.authors),
        "year": survey.year,
        "arxiv": survey.arxiv,
        "venue": survey.venue,
        "links": {k: v for k, v in survey.links.model_dump().items() if v},
        "description": survey.description,
        "papers": len(atlas.survey_papers.get(survey.id, [])),
    }


def _paper(atlas: Atlas, paper: Paper, topics: dict[str, dict[str, Any]]) -> dict[str, Any]:
    for path in paper.topics:
        if path not in topics and path in atlas.topics:
            topics[path] = _topic(atlas, path)
    return {
        "id": paper.id,
        "title": paper.title,
        "authors": list(paper.authors),
        "date": paper.date,
        "year": int(paper.date[:4]),
        "arxiv": paper.arxiv,
        "doi": paper.doi,
        "venue": paper.venue,
        "url": paper_url(paper),
        "links": dict(paper.links.items()),
        "organizations": list(paper.organizations),
        "topics": [topics[path] for path in paper.topics if path in topics],
        "tags": list(paper.tags),
        "facets": {sid: dict(values) for sid, values in paper.facets.items()},
        "summary": paper.summary,
        "added": paper.added.isoformat(),
        "bibkey": atlas.bibkeys[paper.id],
    }


def _topic(atlas: Atlas, path: str) -> dict[str, Any]:
    entry = atlas.topics[path]
    survey = atlas.surveys[entry.survey_id]
    return {
        "path": path,
        "survey": survey.id,
        "survey_title": survey.title,
        "names": [t.name for t in atlas.topic_trail(path)],
    }


def export_json(
    atlas: Atlas, papers: list[Paper], surveys: list[Survey], *, indent: int | None = 2
) -> str:
    data = export_data(atlas, papers, surveys)
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def export_schema() -> dict[str, Any]:
    schema = ExportDocument.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/export.schema.json",
        "title": "LLM Survey Atlas export (papers.json)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def export_schema_text() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"
