"""The data model: surveys with taxonomy trees, and papers. The one source of truth.

``content/schemas/*.schema.json`` are generated from these models (``surveyatlas
schema``) and a test keeps them equal, so editors validate what the loader validates.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import fields as f

SCHEMA_VERSION = 1
SCHEMA_BASE = "https://llm-survey-atlas.github.io/schemas"
OTHERS = "others"

AuthorName = f.AuthorName


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


# --------------------------------------------------------------------------- surveys


class FacetOption(Model):
    id: f.Slug
    name: f.Name


class FacetDef(Model):
    """An extra dimension a survey classifies its papers by (e.g. input modality)."""

    id: f.Slug
    name: f.Name
    description: f.Description | None = None
    multiple: bool = False
    options: list[FacetOption] = Field(min_length=1, max_length=60)


class Topic(Model):
    id: f.Slug
    name: f.Name
    description: f.Description | None = None
    children: list[Topic] = Field(default_factory=list, max_length=80)


class SurveyLinks(Model):
    paper: f.Url | None = None
    repo: f.Url | None = None
    site: f.Url | None = None


class Survey(Model):
    id: f.Slug
    kind: Literal["survey", "collection"] = "survey"
    title: f.Title
    short_title: f.Name | None = None
    authors: list[AuthorName] = Field(min_length=1, max_length=100)
    year: f.Year | None = None
    arxiv: f.ArxivId | None = None
    venue: f.Venue | None = None
    links: SurveyLinks = Field(default_factory=SurveyLinks)
    description: f.Description
    taxonomy: list[Topic] = Field(min_length=1, max_length=80)
    facets: list[FacetDef] = Field(default_factory=list, max_length=12)

    @property
    def display_title(self) -> str:
        return self.short_title or self.title


# --------------------------------------------------------------------------- papers


class PaperLinks(Model):
    paper: f.Url | None = None
    pdf: f.Url | None = None
    code: f.Url | None = None
    project: f.Url | None = None
    demo: f.Url | None = None
    data: f.Url | None = None
    model: f.Url | None = None
    video: f.Url | None = None
    blog: f.Url | None = None

    def items(self) -> list[tuple[str, str]]:
        return [(name, url) for name, url in self.model_dump().items() if url]


FacetValue = f.Slug | Annotated[list[f.Slug], Field(min_length=1, max_length=20)]


class Paper(Model):
    id: f.Slug
    title: f.Title
    authors: list[AuthorName] = Field(min_length=1, max_length=200)
    date: f.FuzzyDate
    arxiv: f.ArxivId | None = None
    doi: f.Doi | None = None
    venue: f.Venue | None = None
    links: PaperLinks = Field(default_factory=PaperLinks)
    organizations: list[f.Organization] = Field(default_factory=list, max_length=30)
    topics: list[f.TopicPath] = Field(min_length=1, max_length=40)
    tags: list[f.Tag] = Field(default_factory=list, max_length=20)
    facets: dict[f.Slug, dict[f.Slug, FacetValue]] = Field(default_factory=dict)
    summary: f.Summary | None = None
    added: f.FullDate

    @property
    def date_key(self) -> tuple[int, int, int]:
        return f.parse_fuzzy_date(self.date)

    @property
    def year(self) -> int:
        return self.date_key[0]

    @property
    def surveys(self) -> list[str]:
        """Survey ids this paper is filed under, in order of first mention."""
        return list(dict.fromkeys(path.split("/", 1)[0] for path in self.topics))

    @property
    def has_others(self) -> bool:
        return self.authors[-1] == OTHERS


def added_today() -> dt.date:
    return dt.date.today()


# --------------------------------------------------------------------------- JSON Schema


def json_schema(model: type[Model], name: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/{name}.schema.json",
        **schema,
    }


SCHEMAS: dict[str, type[Model]] = {"paper": Paper, "survey": Survey}


def schema_texts() -> dict[str, str]:
    """File name to text of every committed JSON Schema."""
    return {
        f"{name}.schema.json": json.dumps(json_schema(model, name), indent=2, ensure_ascii=False)
        + "\n"
        for name, model in SCHEMAS.items()
    }
