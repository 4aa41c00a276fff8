"""``surveyatlas fmt``: canonical layout, comments kept, idempotent, nothing written on error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from surveyatlas.cli import main
from surveyatlas.loader import load_content
from surveyatlas.yamlwrite import format_document

from .conftest import ROOT, TODAY, Scratch

MESSY = """\
title: Paper one   # as printed
id: one
authors: [Ada Example]
# the month of the first version
date: '2023-04'
arxiv: "2304.10001"
topics: [demo/models/vision]
summary: A test paper.
added: 2026-11-01
"""

CANONICAL = """\
# yaml-language-server: $schema=../schemas/paper.schema.json
id: one
title: Paper one   # as printed
authors:
  - Ada Example
# the month of the first version
date: 2023-04
arxiv: "2304.10001"
topics:
  - demo/models/vision
summary: A test paper.
added: 2026-11-01
"""


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    scratch = Scratch(tmp_path / "content")
    scratch.survey()
    return scratch


def fmt(scratch: Scratch, *args: str) -> int:
    return main(["fmt", *args, "--content", str(scratch.root)])


def test_fmt_rewrites_in_canonical_form_keeping_comments(
    scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scratch.write("papers/one.yml", MESSY)
    assert fmt(scratch, str(path)) == 0
    assert path.read_text() == CANONICAL
    captured = capsys.readouterr()
    assert captured.out == f"reformatted {path}\n"
    assert captured.err == "1 of 1 file reformatted\n"


def test_fmt_twice_changes_nothing(scratch: Scratch, capsys: pytest.CaptureFixture[str]) -> None:
    path = scratch.write("papers/one.yml", MESSY)
    assert fmt(scratch) == 0
    first = path.read_bytes()
    stamp = os.stat(path).st_mtime_ns
    capsys.readouterr()
    assert fmt(scratch) == 0
    assert path.read_bytes() == first
    assert os.stat(path).st_mtime_ns == stamp  # not even rewritten
    assert capsys.readouterr().err == "0 of 2 files reformatted\n"
    assert fmt(scratch, "--check") == 0


def test_check_prints_a_diff_and_changes_nothing(
    scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scratch.write("papers/one.yml", MESSY)
    assert fmt(scratch, "--check") == 1
    assert path.read_text() == MESSY
    captured = capsys.readouterr()
    assert captured.out.startswith(
        f"--- {path} (as written)\n+++ {path} (canonical)\n@@ -1,9 +1,12 @@\n"
        "+# yaml-language-server: $schema=../schemas/paper.schema.json\n"
    )
    assert "-date: '2023-04'\n" in captured.out
    assert "+date: 2023-04\n" in captured.out
    assert captured.err == "2 of 2 files would be reformatted\n"  # the scratch survey too


def test_an_unparsable_file_is_reported_and_nothing_is_written(
    scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = scratch.write("papers/one.yml", MESSY)
    bad = scratch.write("papers/two.yml", "id: two\ntitle: [open\nauthors: []\n")
    assert fmt(scratch) == 1
    assert good.read_text() == MESSY
    err = capsys.readouterr().err
    assert f"{bad}:3:8: YAML syntax error" in err
    assert "1 file(s) cannot be formatted; nothing was written" in err


def test_check_reports_unparsable_files_too(
    scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    scratch.write("papers/two.yml", "id: two\nid: again\n")
    assert fmt(scratch, "--check") == 1
    assert "papers/two.yml:2:1: duplicate key 'id' (first at line 1)" in capsys.readouterr().err


def test_fmt_keeps_the_meaning_of_the_fixture_atlas(atlas_copy: Path) -> None:
    before = load_content(atlas_copy, today=TODAY)
    assert main(["fmt", "--content", str(atlas_copy)]) == 0
    after = load_content(atlas_copy, today=TODAY)
    assert after.papers == before.papers
    assert after.surveys == before.surveys
    assert [p.message for p in after.problems] == [p.message for p in before.problems]
    assert main(["fmt", "--check", "--content", str(atlas_copy)]) == 0


def test_folders_and_files_as_arguments(scratch: Scratch) -> None:
    paper = scratch.write("papers/one.yml", MESSY)
    assert main(["fmt", str(scratch.root / "papers")]) == 0
    assert paper.read_text() == CANONICAL
    survey = scratch.root / "surveys" / "demo.yml"
    assert main(["fmt", str(scratch.root)]) == 0
    assert survey.read_text().startswith("# yaml-language-server: $schema=../schemas/survey")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("notes.yml", "only .yml files in a papers/ or surveys/ folder can be formatted"),
        ("missing/none.yml", "no such file or folder"),
    ],
)
def test_paths_that_cannot_be_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    target = tmp_path / name
    if "missing" not in name:
        target.write_text("id: x\n")
    assert main(["fmt", str(target)]) == 2
    assert message in capsys.readouterr().err


def test_a_symlink_is_refused(scratch: Scratch, capsys: pytest.CaptureFixture[str]) -> None:
    real = scratch.write("papers/one.yml", MESSY)
    (scratch.root / "papers" / "link.yml").symlink_to(real)
    assert fmt(scratch) == 1
    assert "symbolic links are not allowed in content" in capsys.readouterr().err
    assert real.read_text() == MESSY


def test_shipped_files_format_without_changing_meaning() -> None:
    """Every shipped file can be formatted, formatting is idempotent, and it keeps the data."""
    from surveyatlas.yamlsource import parse_yaml

    for folder, kind in (("papers", "paper"), ("surveys", "survey")):
        for path in sorted((ROOT / "content" / folder).glob("*.yml")):
            text = path.read_text(encoding="utf-8")
            once = format_document(text, kind, display=str(path))  # type: ignore[arg-type]
            assert format_document(once, kind) == once, path  # type: ignore[arg-type]
            assert parse_yaml(once, "a")[0] == parse_yaml(text, "b")[0], path
