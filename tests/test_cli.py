"""The command line, in-process: exact output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from surveyatlas.cli import build_parser, main

from .conftest import ROOT, Scratch


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_clean(capsys: pytest.CaptureFixture[str], atlas_copy: Path) -> None:
    assert run(capsys, "check", "--content", str(atlas_copy)) == (0, "no problems found\n", "")


def test_check_reports_with_source_line_and_hint(
    capsys: pytest.CaptureFixture[str], scratch: Scratch
) -> None:
    scratch.survey()
    scratch.paper("p")
    scratch.paper(
        "llava",
        "id: llava\ntitle: Visual Instruction Tuning\nauthors: [Haotian Liu]\ndate: 2023/04\n"
        'arxiv: "2304.08485"\ntopics: [demo/models]\nsummary: S.\nadded: 2026-11-01\n',
    )
    code, out, err = run(capsys, "check")
    assert code == 1
    assert err == ""
    assert out == (
        "content/papers/llava.yml:4:7: date: expected YYYY, YYYY-MM or YYYY-MM-DD, got '2023/04'\n"
        "  4 | date: 2023/04\n"
        "    |       ^\n"
        "  hint: use the date of the first public version, e.g. 2023-04 or 2023-04-17\n"
        "content/surveys/demo.yml:10:9: warning: taxonomy[1].id: topic 'demo/data' has no papers\n"
        "  10 |   - id: data\n"
        "     |         ^\n"
        "  hint: file papers under it, or remove the topic\n"
        "1 error, 1 warning in 2 files\n"
    )


def test_check_strict_fails_on_warnings(
    capsys: pytest.CaptureFixture[str], scratch: Scratch
) -> None:
    scratch.survey()
    scratch.paper("p")
    assert run(capsys, "check")[0] == 0
    assert run(capsys, "check", "--strict")[0] == 1


def test_check_json(capsys: pytest.CaptureFixture[str], scratch: Scratch) -> None:
    scratch.survey()
    scratch.paper("p", "id: p\n")
    code, out, _ = run(capsys, "check", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["errors"] == 5 and data["warnings"] == 3
    first = data["problems"][0]
    assert set(first) == {
        "path",
        "line",
        "col",
        "field",
        "message",
        "hint",
        "severity",
        "code",
        "source",
    }
    missing = {p["field"] for p in data["problems"] if p["code"] == "missing"}
    assert missing == {"title", "authors", "date", "topics", "added"}
    assert (first["path"], first["line"], first["col"], first["severity"]) == (
        "content/papers/p.yml",
        1,
        1,
        "error",
    )


def test_render_writes_only_changes(
    capsys: pytest.CaptureFixture[str], atlas_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, text, _ = run(capsys, "render", "--out", str(out), "--content", str(atlas_copy))
    assert code == 0
    total = int(text.split()[1])
    assert text == f"rendered {total} files into {out}: {total} written, 0 unchanged, 0 removed\n"
    assert run(capsys, "render", "--out", str(out), "--content", str(atlas_copy))[1].endswith(
        f"0 written, {total} unchanged, 0 removed\n"
    )
    (atlas_copy / "papers" / "clipish.yml").unlink()
    mine = out / "notes.md"
    mine.write_text("my own file\n")
    code, text, _ = run(capsys, "render", "--out", str(out), "--content", str(atlas_copy))
    assert code == 0 and "removed" in text and not (out / "papers" / "clipish").exists()
    assert mine.read_text() == "my own file\n"


def test_render_refuses_broken_content(
    capsys: pytest.CaptureFixture[str], atlas_copy: Path, tmp_path: Path
) -> None:
    (atlas_copy / "papers" / "vislm.yml").write_text("id: [\n")
    code, out, err = run(
        capsys, "render", "--out", str(tmp_path / "out"), "--content", str(atlas_copy)
    )
    assert code == 1 and out == "" and "vislm.yml" in err
    assert not (tmp_path / "out").exists()


def test_topics(capsys: pytest.CaptureFixture[str], scratch: Scratch) -> None:
    scratch.survey()
    assert run(capsys, "topics", "demo") == (
        0,
        "demo  A Demo Survey\n  demo/models  Models\n    demo/models/vision  Vision\n"
        "  demo/data  Data\n",
        "",
    )
    code, _, err = run(capsys, "topics", "nope")
    assert code == 2 and err == "surveyatlas: error: unknown survey 'nope' (known: demo)\n"


def test_schema_check_matches_committed(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "schema", "--check", "--out", str(ROOT / "content" / "schemas")) == (
        0,
        "",
        "",
    )


def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "--format", "yaml")
    assert code == 2 and "invalid choice" in err
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err == (
        "surveyatlas: error: content folder not found: content "
        "(run from the repository root or pass --content)\n"
    )
    assert run(capsys)[0] == 2


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"surveyatlas {name}" in readme, f"README does not document `surveyatlas {name}`"
