"""The index: ordering, counts, cross-listing, related papers, overlap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from surveyatlas.atlas import build_index, newest_first, related_papers, survey_overlap
from surveyatlas.loader import load_content
from surveyatlas.schema import Paper

from .conftest import ATLAS, TODAY


def atlas():
    content = load_content(ATLAS / "content", today=TODAY)
    return build_index(content.surveys, content.papers, content.files)


def test_papers_newest_first_and_counts() -> None:
    index = atlas()
    assert list(index.papers) == [
        "hostile-title",
        "quantlr",
        "vislm",
        "pretrain-mix",
        "web-only",
        "lowrank",
        "clipish",
    ]
    assert index.topics["vision-language/architecture"].total == 4
    assert index.topics["vision-language/architecture"].papers == ["web-only"]
    assert index.topics["vision-language/training/instruction-tuning"].papers == [
        "vislm",
        "lowrank",
    ]
    assert index.survey_papers["efficient-tuning"] == ["quantlr", "lowrank"]


def test_surveys_ordered_surveys_first_then_collections() -> None:
    assert list(atlas().surveys) == ["vision-language", "efficient-tuning"]


def test_overlap_counts_shared_papers() -> None:
    index = atlas()
    assert index.overlap[("vision-language", "efficient-tuning")] == 1  # lowrank
    assert index.overlap[("efficient-tuning", "vision-language")] == 1
    assert index.overlap[("efficient-tuning", "efficient-tuning")] == 2


def test_related_prefers_shared_topics() -> None:
    index = atlas()
    assert index.related["quantlr"][0] == "lowrank"
    assert "quantlr" not in index.related["quantlr"]


def test_bibtex_keys_are_stable_and_unique() -> None:
    keys = atlas().bibkeys
    assert keys["vislm"] == "example2023vislm"
    assert keys["clipish"] == "writer2021contrastive"
    assert len(set(keys.values())) == len(keys)


def _paper(i: int, year: int, month: int, topics: list[str], tags: list[str]) -> Paper:
    return Paper.model_validate(
        {
            "id": f"p{i}",
            "title": f"Paper {i}",
            "authors": ["A"],
            "date": f"{year}-{month:02d}",
            "links": {"paper": f"https://example.org/{i}"},
            "topics": topics,
            "tags": tags,
            "added": "2026-01-01",
        },
        context={"today": dt.date(2026, 11, 21)},
    )


PAPERS = st.lists(
    st.tuples(
        st.integers(2015, 2026),
        st.integers(1, 10),
        st.lists(
            st.sampled_from(["s/a", "s/b", "t/c", "t/d"]), min_size=1, max_size=3, unique=True
        ),
        st.lists(st.sampled_from(["x", "y", "z"]), max_size=2, unique=True),
    ),
    max_size=40,
)


@given(PAPERS)
@settings(max_examples=60, deadline=None)
def test_related_and_overlap_invariants(rows: list) -> None:
    papers = {p.id: p for p in (_paper(i, *row) for i, row in enumerate(rows))}
    related = related_papers(papers, limit=4)
    for pid, others in related.items():
        assert pid not in others
        assert len(others) <= 4 and len(set(others)) == len(others)
        for other in others:
            shared = set(papers[pid].topics) & set(papers[other].topics) or set(
                papers[pid].tags
            ) & set(papers[other].tags)
            assert shared
    overlap = survey_overlap(papers, {"s": None, "t": None})  # type: ignore[dict-item]
    for (a, b), count in overlap.items():
        assert overlap[(b, a)] == count
    ordered = newest_first(papers.values())
    keys = [p.date_key for p in ordered]
    assert keys == sorted(keys, reverse=True)


def test_index_over_real_paths_is_deterministic(tmp_path: Path) -> None:
    first, second = atlas(), atlas()
    assert first.related == second.related and list(first.papers) == list(second.papers)
