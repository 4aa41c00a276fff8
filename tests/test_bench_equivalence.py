"""The speed-ups of issue 8 change how results are computed, never the results."""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveyatlas import checks
from surveyatlas.atlas import build_index, oldest_first, related_papers
from surveyatlas.bench import generate_atlas
from surveyatlas.ids import (
    BIDI_CONTROLS,
    INVISIBLE,
    JOINERS,
    invisible_chars,
    normalize_title,
)
from surveyatlas.loader import load_content
from surveyatlas.schema import Paper
from surveyatlas.views import paper_card

from .conftest import ATLAS, TODAY

WINDOW, LIMIT = 8, 6


def reference_related(papers: dict[str, Paper], limit: int = LIMIT) -> dict[str, list[str]]:
    """The rule written out plainly: candidates are the date-neighbours of a paper in each
    of its topics and tags; rank by shared topics x 2 + shared tags, then by distance in
    date, then by id."""
    oldest = [p.id for p in oldest_first(papers.values())]
    rank = {pid: i for i, pid in enumerate(oldest)}
    lists: dict[str, list[str]] = {}
    for pid in oldest:
        paper = papers[pid]
        for feature in [f"t:{t}" for t in paper.topics] + [f"g:{g}" for g in paper.tags]:
            lists.setdefault(feature, []).append(pid)
    related = {}
    for pid, paper in papers.items():
        candidates = set()
        for feature in [f"t:{t}" for t in paper.topics] + [f"g:{g}" for g in paper.tags]:
            ids = lists[feature]
            i = ids.index(pid)
            candidates.update(ids[max(0, i - WINDOW) : i + WINDOW + 1])
        candidates.discard(pid)

        def key(other: str, paper: Paper = paper, pid: str = pid) -> tuple[int, int, str]:
            them = papers[other]
            shared = 2 * len(set(paper.topics) & set(them.topics))
            shared += len(set(paper.tags) & set(them.tags))
            return (-shared, abs(rank[other] - rank[pid]), other)

        related[pid] = sorted(candidates, key=key)[:limit]
    return related


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Paper]:
    content = tmp_path_factory.mktemp("eq") / "content"
    generate_atlas(content, 500, seed=11)
    return load_content(content, today=TODAY).papers


def test_related_papers_match_the_plain_rule(generated: dict[str, Paper]) -> None:
    assert related_papers(generated) == reference_related(generated)
    assert related_papers(generated, limit=2) == reference_related(generated, limit=2)


def test_related_papers_of_the_fixture_atlas() -> None:
    papers = load_content(ATLAS / "content", today=TODAY).papers
    assert related_papers(papers) == reference_related(papers)


def test_related_papers_keep_the_input_order(generated: dict[str, Paper]) -> None:
    assert list(related_papers(generated)) == list(generated)


_TEXT = st.text(alphabet="abcdeé xyz019", min_size=0, max_size=40)


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT)
def test_near_title_bounds_never_change_the_answer(a: str, b: str) -> None:
    keys = {"a": a, "b": b}
    if not a and not b:
        return
    exact = difflib.SequenceMatcher(None, a, b).ratio() >= checks.NEAR_TITLE_RATIO
    assert checks._similar({}, keys, "a", "b") == exact


def test_near_title_bounds_on_nearly_equal_titles() -> None:
    base = "scaling instruction tuned language models for open domain question answering"
    variants = [base.replace("open", "opened"), base + " s", base[:-3], base.replace(" ", "  ")]
    for variant in variants:
        keys = {"a": base, "b": variant}
        exact = difflib.SequenceMatcher(None, base, variant).ratio() >= checks.NEAR_TITLE_RATIO
        assert checks._similar({}, keys, "a", "b") == exact


def _normalize_slowly(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_title_keys_are_unchanged_by_the_ascii_shortcut(title: str) -> None:
    assert normalize_title(title) == _normalize_slowly(title)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \u00ad\u200b\u200c\u200d\u202e\u2066\ufeff\u061c", max_size=30))
def test_invisible_characters_are_found_as_before(text: str) -> None:
    for joiners in (True, False):
        bad = BIDI_CONTROLS | INVISIBLE | (frozenset() if joiners else JOINERS)
        expected = [(i, ch) for i, ch in enumerate(text) if ch in bad]
        assert invisible_chars(text, allow_joiners=joiners) == expected


def test_a_paper_card_is_built_once_per_atlas(generated: dict[str, Paper]) -> None:
    atlas = build_index({}, generated)
    paper = next(iter(generated.values()))
    assert paper_card(paper, atlas) is paper_card(paper, atlas)
    stranger = paper.model_copy(update={"title": "A different title for this card"})
    assert paper_card(stranger, atlas).title == "A different title for this card"
    assert paper_card(paper, atlas).title == paper.title


def test_loading_reports_where_the_time_went(tmp_path: Path) -> None:
    content = generate_atlas(tmp_path / "content", 30, seed=2).content_dir
    loaded = load_content(content, today=TODAY)
    assert set(loaded.timings) == {"read", "validate"}
    assert all(seconds > 0 for seconds in loaded.timings.values())
