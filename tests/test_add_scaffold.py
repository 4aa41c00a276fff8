"""Drafting a paper entry from an arXiv record: ids, author lists, optional fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from surveyatlas.arxiv import ArxivRecord
from surveyatlas.scaffold import free_slug, paper_from_id, paper_from_record, paper_slug

TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("title", "authors", "slug"),
    [
        ("LLaVA-Phi: Efficient Multi-Modal Assistant", ["Yichen Zhu"], "llava-phi"),
        ("Gemini: A Family of Highly Capable Models", ["Gemini Team"], "gemini"),
        ("Visual Instruction Tuning", ["Haotian Liu"], "liu2023visual"),
        ("On the Opportunities and Risks", ["Rishi Bommasani"], "bommasani2023opportunities"),
        ("Towards a Theory: of Everything Else", ["Jörg Müller"], "muller2023theory"),
        ("A Very Long Model Name Here: Something", ["Ada Lovelace"], "lovelace2023very"),
        ("Index: Reserved Words", ["Ada Lovelace"], "lovelace2023index"),
        ("東京: 日本語", ["山田 太郎"], "arxiv-2304-08485"),
    ],
)
def test_paper_slug(title: str, authors: list[str], slug: str) -> None:
    assert paper_slug(title, authors, 2023, "2304.08485") == slug


def test_slug_without_a_title_comes_from_the_id() -> None:
    assert paper_slug(None, [], 1999, "hep-th/9901001") == "arxiv-hep-th-9901001"


def test_free_slug_adds_a_number(tmp_path: Path) -> None:
    (tmp_path / "x.yml").write_text("")
    (tmp_path / "x-2.yml").write_text("")
    assert free_slug("x", tmp_path) == "x-3"
    assert free_slug("y", tmp_path) == "y"


def record(**changes: object) -> ArxivRecord:
    base: dict[str, object] = {
        "arxiv_id": "2304.08485",
        "title": "Visual Instruction Tuning",
        "authors": ["Haotian Liu"],
        "published": "2023-04-17",
    }
    base.update(changes)
    return ArxivRecord(**base)  # type: ignore[arg-type]


def test_long_author_lists_end_with_others() -> None:
    names = [f"Author {chr(65 + i)}" for i in range(21)]
    data = paper_from_record(record(authors=names), ["a/b"], TODAY)
    assert data["authors"] == [*names[:10], "others"]
    twenty = paper_from_record(record(authors=names[:20]), ["a/b"], TODAY)
    assert twenty["authors"] == names[:20]


def test_optional_fields_only_when_given() -> None:
    plain = paper_from_record(record(), ["a/b"], TODAY)
    assert "doi" not in plain and "venue" not in plain
    full = paper_from_record(record(doi="10.1/x", journal_ref="J. Test 1 (2024)"), ["a/b"], TODAY)
    assert full["doi"] == "10.1/x" and full["venue"] == "J. Test 1 (2024)"
    too_long = paper_from_record(record(journal_ref="x" * 161), ["a/b"], TODAY)
    assert "venue" not in too_long


def test_no_fetch_draft_knows_only_the_id() -> None:
    data = paper_from_id("2304.08485", ["a/b"], TODAY)
    assert data == {
        "id": "arxiv-2304-08485",
        "title": None,
        "authors": None,
        "date": "2023-04",
        "arxiv": "2304.08485",
        "topics": ["a/b"],
        "summary": None,
        "added": TODAY,
    }
