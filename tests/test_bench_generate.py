"""The synthetic atlas generator: valid, realistic, deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveyatlas.bench import default_survey_count, generate_atlas
from surveyatlas.ids import arxiv_month
from surveyatlas.loader import load_content

from .conftest import TODAY


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("gen") / "content"
    generate_atlas(content, 400, seed=3)
    return content


def test_generated_content_has_no_problems(generated: Path) -> None:
    content = load_content(generated, today=TODAY)
    assert content.problems == []
    assert len(content.papers) == 400
    assert len(content.surveys) == default_survey_count(400)


def test_same_seed_gives_identical_files(tmp_path: Path, generated: Path) -> None:
    again = generate_atlas(tmp_path / "content", 400, seed=3)
    for kind in ("surveys", "papers"):
        names = sorted(p.name for p in (generated / kind).iterdir())
        assert names == sorted(p.name for p in (again.content_dir / kind).iterdir())
        for name in names:
            assert (generated / kind / name).read_bytes() == (
                tmp_path / "content" / kind / name
            ).read_bytes()


def test_another_seed_gives_other_papers(tmp_path: Path, generated: Path) -> None:
    other = generate_atlas(tmp_path / "content", 400, seed=4)
    assert set(other.paper_ids) != {p.stem for p in (generated / "papers").iterdir()}


def test_fields_look_like_real_papers(generated: Path) -> None:
    papers = list(load_content(generated, today=TODAY).papers.values())
    titles = [len(p.title) for p in papers]
    assert min(titles) >= 60 and max(titles) <= 120
    assert all(3 <= len(p.authors) <= 12 for p in papers)
    assert any(p.has_others for p in papers)
    assert all(p.summary and 200 <= len(p.summary) <= 400 for p in papers)
    share = sum(1 for p in papers if p.links.code) / len(papers)
    assert 0.3 <= share <= 0.5
    cross = sum(1 for p in papers if len(p.surveys) > 1) / len(papers)
    assert 0.15 <= cross <= 0.35
    recent = sum(1 for p in papers if 2023 <= p.year <= 2025) / len(papers)
    assert recent >= 0.6
    for paper in papers:
        if paper.arxiv:
            year, month, _ = paper.date_key
            assert arxiv_month(paper.arxiv) == (year, month or 1)


def test_survey_count_scales_with_size() -> None:
    assert default_survey_count(1000) == 8
    assert default_survey_count(10_000) == 15
    assert default_survey_count(50_000) == 20


def test_tiny_atlas_is_valid(tmp_path: Path) -> None:
    result = generate_atlas(tmp_path / "content", 5, seed=1)
    assert result.papers == 5
    assert load_content(result.content_dir, today=TODAY).problems == []


def test_rejects_an_empty_atlas(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_atlas(tmp_path / "content", 0)
