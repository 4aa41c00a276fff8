"""``surveyatlas new-survey``: a canonical skeleton that check flags until it is filled in."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveyatlas.cli import main
from surveyatlas.yamlwrite import format_document

from .conftest import Scratch


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    return Scratch(tmp_path / "content")


def test_new_survey_writes_a_skeleton_that_check_flags(
    scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new-survey", "vision-survey", "--content", str(scratch.root)]) == 0
    path = scratch.root / "surveys" / "vision-survey.yml"
    text = path.read_text()
    assert text == format_document(text, "survey")
    assert text.startswith(
        "# yaml-language-server: $schema=../schemas/survey.schema.json\nid: vision-survey\n"
    )
    assert text.count("# TODO:") == 7
    assert f"wrote {path}" in capsys.readouterr().out
    assert main(["check", "--content", str(scratch.root)]) == 1
    out = capsys.readouterr().out
    for where in ("5:8: title", "7:10: authors", "17:14: description", "21:11: taxonomy[0].name"):
        assert f"{path}:{where}:" in out


def test_filling_in_the_skeleton_makes_it_valid(scratch: Scratch) -> None:
    main(["new-survey", "vision-survey", "--content", str(scratch.root)])
    path = scratch.root / "surveys" / "vision-survey.yml"
    text = path.read_text()
    for old, new in (
        ("title: null", "title: A Survey of Seeing"),
        ("authors: null", "authors:\n  - Ada Example"),
        ("year: null", "year: 2024"),
        ("description: null\n# TODO", "description: What it covers.\n# TODO"),
        ("    name: null", "    name: First topic"),
    ):
        text = text.replace(old, new, 1)
    path.write_text(text)
    scratch.paper("one", None)
    (scratch.root / "papers" / "one.yml").write_text(
        (scratch.root / "papers" / "one.yml")
        .read_text()
        .replace("demo/models/vision", "vision-survey/first-topic")
    )
    assert main(["check", "--content", str(scratch.root)]) == 0
    assert main(["fmt", "--check", str(path)]) == 0


def test_an_existing_survey_is_refused(
    scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = scratch.survey("demo")
    before = existing.read_text()
    assert main(["new-survey", "demo", "--content", str(scratch.root)]) == 1
    assert capsys.readouterr().err == (
        f"surveyatlas: error: {existing} already exists; edit it, or choose another id\n"
    )
    assert existing.read_text() == before


@pytest.mark.parametrize(
    ("survey_id", "message"),
    [
        (
            "My Survey",
            "survey id 'My Survey' must be lower-case letters, digits and single "
            "hyphens (try 'my-survey')",
        ),
        ("search", "'search' is reserved for the site's own pages; choose another id"),
    ],
)
def test_bad_ids_are_usage_errors(
    scratch: Scratch, capsys: pytest.CaptureFixture[str], survey_id: str, message: str
) -> None:
    assert main(["new-survey", survey_id, "--content", str(scratch.root)]) == 2
    assert capsys.readouterr().err == f"surveyatlas: error: {message}\n"
    assert list((scratch.root / "surveys").iterdir()) == []


def test_topics_lists_paths_and_names_broken_surveys(
    scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    scratch.survey("demo")
    scratch.write("surveys/broken.yml", "id: broken\ntitle: [open\n")
    assert main(["topics", "--content", str(scratch.root)]) == 0
    captured = capsys.readouterr()
    assert captured.out == (
        "demo  A Demo Survey\n"
        "  demo/models  Models\n"
        "    demo/models/vision  Vision\n"
        "  demo/data  Data\n"
    )
    assert captured.err == (
        "note: not listed because their files have errors: broken (run `surveyatlas check`)\n"
    )
    assert main(["topics", "broken", "--content", str(scratch.root)]) == 1
    assert "survey 'broken' has errors in its file" in capsys.readouterr().err
    assert main(["topics", "nope", "--content", str(scratch.root)]) == 2
    assert "unknown survey 'nope' (known: demo)" in capsys.readouterr().err
