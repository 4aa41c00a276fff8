"""Shared fixtures: the fixture atlas, a fixed 'today', and a scratch content folder."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ATLAS = FIXTURES / "atlas"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def atlas_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture atlas's content folder, with the real templates."""
    target = tmp_path / "content"
    shutil.copytree(ATLAS / "content", target)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return target


class Scratch:
    """A content folder built file by file inside a test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "surveys").mkdir(parents=True, exist_ok=True)
        (root / "papers").mkdir(parents=True, exist_ok=True)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def survey(self, survey_id: str = "demo", **extra: str) -> Path:
        return self.write(
            f"surveys/{survey_id}.yml",
            f"""
            id: {survey_id}
            title: A Demo Survey
            authors: [Ada Example]
            description: A survey for one test.
            taxonomy:
              - id: models
                name: Models
                children:
                  - {{id: vision, name: Vision}}
              - id: data
                name: Data
            """,
        )

    def paper(self, paper_id: str, body: str | None = None) -> Path:
        text = (
            body
            if body is not None
            else f"""
            id: {paper_id}
            title: Paper {paper_id}
            authors: [Ada Example]
            date: 2023-04
            arxiv: "2304.{zlib.crc32(paper_id.encode()) % 90000 + 10000:05d}"
            topics: [demo/models/vision]
            summary: A test paper.
            added: 2026-11-01
            """
        )
        return self.write(f"papers/{paper_id}.yml", text)


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scratch:
    """An empty content folder at ./content inside a temporary working directory."""
    monkeypatch.chdir(tmp_path)
    return Scratch(Path("content"))
