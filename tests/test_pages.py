"""The site map: URLs, splitting of big pages, and golden renders of the fixture atlas."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import os
import posixpath
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveyatlas import pipeline
from surveyatlas.downloads import SITE_FILES, survey_bibtex_url
from surveyatlas.pages import timeline_periods, topic_pages
from surveyatlas.schema import Paper

from .conftest import ATLAS, ROOT, TODAY

GOLDEN = ATLAS / "expected"
UPDATE = os.environ.get("SURVEYATLAS_UPDATE_GOLDEN") == "1"


def rendered() -> dict[str, str]:
    result = pipeline.build(ATLAS / "content", ROOT / "templates", today=TODAY)
    assert result.site is not None
    return result.site.pages


def test_golden_pages() -> None:
    """Every generated page of the fixture atlas, byte for byte.

    After an intended change, regenerate with SURVEYATLAS_UPDATE_GOLDEN=1 and review the diff.
    """
    pages = rendered()
    if UPDATE:
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {
        str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")
    }
    assert sorted(pages) == sorted(expected), "set of pages changed"
    for path, text in pages.items():
        if text != expected[path]:
            diff = "".join(
                difflib.unified_diff(
                    expected[path].splitlines(True), text.splitlines(True), "expected", "rendered"
                )
            )
            pytest.fail(f"{path} differs from its golden file:\n{diff}")


def test_every_node_has_a_page_and_every_paper_its_anchors() -> None:
    result = pipeline.build(ATLAS / "content", ROOT / "templates", today=TODAY)
    assert result.atlas is not None and result.site is not None
    pages = result.site.pages
    for sid in result.atlas.surveys:
        assert f"surveys/{sid}/index.md" in pages
    for path, entry in result.atlas.topics.items():
        page = pages[f"surveys/{path}/index.md"]
        for pid in entry.papers:
            assert f'id="{pid}"' in page
    for pid in result.atlas.papers:
        assert f"papers/{pid}/index.md" in pages


def test_timeline_lists_each_paper_once_in_date_order() -> None:
    result = pipeline.build(ATLAS / "content", ROOT / "templates", today=TODAY)
    assert result.atlas is not None and result.site is not None
    order = []
    for path in sorted(
        p for p in result.site.pages if p.startswith("timeline/") and p != "timeline/index.md"
    ):
        text = result.site.pages[path]
        order += [
            line.split('id="')[1].split('"')[0]
            for line in text.splitlines()
            if line.startswith("<li id=")
        ]
    assert sorted(order) == sorted(result.atlas.papers)
    keys = [result.atlas.papers[pid].date_key for pid in order]
    assert keys == sorted(keys)


def _paper(i: int, year: int, month: int) -> Paper:
    return Paper.model_validate(
        {
            "id": f"p{i}",
            "title": f"Paper {i}",
            "authors": ["A"],
            "date": f"{year}-{month:02d}" if month else str(year),
            "links": {"paper": "https://example.org/"},
            "topics": ["s/t"],
            "added": "2026-01-01",
        },
        context={"today": dt.date(2026, 11, 21)},
    )


@given(
    st.lists(st.tuples(st.integers(2019, 2026), st.integers(0, 9)), max_size=120),
    st.integers(1, 12),
)
@settings(max_examples=80, deadline=None)
def test_timeline_split_invariants(rows: list, limit: int) -> None:
    papers = [_paper(i, *row) for i, row in enumerate(rows)]
    periods = timeline_periods(papers, limit=limit)
    seen = [p.id for period in periods for p in period.papers]
    assert sorted(seen) == sorted(p.id for p in papers)  # each paper exactly once
    keys = [p.date_key for period in periods for p in period.papers]
    assert keys == sorted(keys)  # in date order across pages
    assert all(0 < len(period.papers) <= limit for period in periods)
    assert len({period.url for period in periods}) == len(periods)


def test_topic_pages_paginate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("surveyatlas.pages.TOPIC_PAGE_LIMIT", 2)
    result = pipeline.build(ATLAS / "content", ROOT / "templates", today=TODAY)
    assert result.atlas is not None
    entry = result.atlas.topics["vision-language/training/instruction-tuning"]
    entry.papers.extend(["clipish", "quantlr"])
    pages = list(topic_pages(result.atlas, entry))
    assert [p.url for p in pages] == [
        "surveys/vision-language/training/instruction-tuning/",
        "surveys/vision-language/training/instruction-tuning/page/2/",
    ]
    assert pages[1].view.pager.previous == pages[0].url
    assert [c.id for c in pages[1].view.papers] == ["clipish", "quantlr"]


def test_relative_links_resolve_to_pages() -> None:
    """Every relative link reaches a generated page or a generated file (the feed and
    the downloads), query strings and fragments aside."""
    result = pipeline.build(ATLAS / "content", ROOT / "templates", today=TODAY)
    assert result.site is not None and result.atlas is not None
    pages, files = result.site.pages, set(result.site.files)
    assert {url for url, _, _ in SITE_FILES} <= files
    assert {survey_bibtex_url(sid) for sid in result.atlas.surveys} <= files
    for path, text in pages.items():
        base = posixpath.dirname("/" + path)
        for href in re.findall(r'href="([^"]+)"', text):
            if href.startswith(("http://", "https://", "#")):
                continue
            href = html.unescape(href).split("?", 1)[0].split("#", 1)[0]
            target = posixpath.normpath(posixpath.join(base, href)).strip("/")
            if target in files:
                continue
            page = f"{target}/index.md" if target else "index.md"
            assert page in pages, f"{path}: broken link {href}"
