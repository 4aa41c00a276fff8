"""`surveyatlas import markdown`: reports, writes, merges, idempotence, atomicity, maps."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from surveyatlas.cli import main
from surveyatlas.importers import apply as apply_module
from surveyatlas.importers.progress import Progress
from surveyatlas.loader import load_content
from surveyatlas.problems import ExitCode
from surveyatlas.yamlsource import parse_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "import"
MAP = FIXTURES / "vision-language.map.yml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code = main(["import", *argv, "--json"])
    out = capsys.readouterr().out
    assert code == ExitCode.OK, out
    return json.loads(out)


def load_yaml(path: Path) -> dict:
    data, problems = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    return data


def bold(content: Path, *extra: str) -> list[str]:
    return [
        "markdown",
        str(FIXTURES / "bold_list.md"),
        "--survey",
        "vision-language",
        "--content",
        str(content),
        "--map",
        str(MAP),
        *extra,
    ]


def test_dry_run_reports_and_writes_nothing(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(atlas_copy)
    report = run_json(capsys, *bold(atlas_copy, "--dry-run"))
    assert snapshot(atlas_copy) == before
    assert set(report) >= {"papers", "new", "merged", "topics", "skipped"}
    # GlimpseNet, Sparse Views, Grids, Bridging are new; VisLM is in the atlas already
    assert (report["new"], report["merged"], report["papers"]) == (4, 1, 5)
    assert report["topics"] == 2  # Patch Encoders and Grid Encoders, below encoders
    reasons = {s["line"]: s["reason"] for s in report["skipped"]}
    assert "which the map skips" in reasons[34]  # List of Models
    assert reasons[57] == "no paper link (arXiv, DOI or paper URL)"
    assert reasons[61] == "no date: the line gives no year and no arXiv id"
    assert "which is not a list of papers" in reasons[78]  # Update Log
    glimpse = [r for r in report["imported"] if r["arxiv"] == "2305.01234"]
    assert {r["topic"] for r in glimpse} == {
        "vision-language/architecture/encoders/patch-encoders",
        "vision-language/training/instruction-tuning",
    }
    assert report["written"] == []


def test_import_writes_valid_entries_and_keeps_survey_comments(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    report = run_json(capsys, *bold(atlas_copy))
    content = load_content(atlas_copy)
    assert not content.errors
    paper = load_yaml(atlas_copy / "papers" / "glimpsenet.yml")
    assert paper["title"] == "GlimpseNet: Looking at Fewer Patches"
    assert paper["authors"] == ["Ana Quill", "others"]
    assert paper["date"] == "2023-05"  # from the arXiv id
    assert paper["arxiv"] == "2305.01234"
    assert paper["added"] == dt.date.today().isoformat()
    assert "summary" not in paper  # never invented
    assert paper["topics"] == [
        "vision-language/architecture/encoders/patch-encoders",
        "vision-language/training/instruction-tuning",
    ]
    survey_text = (atlas_copy / "surveys" / "vision-language.yml").read_text(encoding="utf-8")
    assert survey_text.count("# A fixture survey") == 1
    assert "id: patch-encoders" in survey_text and "name: Grid Encoders" in survey_text
    codes = {p.code for p in content.warnings if p.path.endswith("glimpsenet.yml")}
    assert "summary-missing" in codes
    assert len(report["written"]) == 5  # the survey and four new papers


def test_second_import_changes_nothing(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run_json(capsys, *bold(atlas_copy))
    after_first = snapshot(atlas_copy)
    report = run_json(capsys, *bold(atlas_copy))
    assert snapshot(atlas_copy) == after_first
    assert (report["new"], report["topics"], report["written"]) == (0, 0, [])
    assert report["unchanged"] == report["merged"] == 5


def test_two_lists_sharing_a_paper_give_one_entry_with_both_topics(
    atlas_copy: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    run_json(capsys, *bold(atlas_copy))
    report = run_json(
        capsys,
        "markdown",
        str(FIXTURES / "ins_list.md"),
        "--survey",
        "vision-language",
        "--under",
        "architecture",
        "--content",
        str(atlas_copy),
    )
    assert any(r["paper"] == "glimpsenet" and r["status"] == "merged" for r in report["imported"])
    files = [
        p
        for p in (atlas_copy / "papers").glob("*.yml")
        if "2305.01234" in p.read_text(encoding="utf-8")
    ]
    assert [f.name for f in files] == ["glimpsenet.yml"]
    topics = load_yaml(files[0])["topics"]
    assert "vision-language/architecture/efficient-vlms/architecture" in topics
    assert "vision-language/training/instruction-tuning" in topics
    assert not load_content(atlas_copy).errors


def test_import_never_overwrites_what_a_person_wrote(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = atlas_copy / "papers" / "vislm.yml"
    text = path.read_text(encoding="utf-8").replace(
        "venue: NeurIPS 2023", "venue: NeurIPS 2023 (oral)  # checked by hand"
    )
    path.write_text(text, encoding="utf-8")
    run_json(
        capsys,
        "markdown",
        str(FIXTURES / "record_list.md"),
        "--survey",
        "vision-language",
        "--under",
        "training",
        "--content",
        str(atlas_copy),
    )
    after = path.read_text(encoding="utf-8")
    assert "venue: NeurIPS 2023 (oral)  # checked by hand" in after
    data = load_yaml(path)
    assert data["title"] == "VisLM: Teaching a Language Model to Look"
    assert data["links"]["project"] == "https://example.org/vislm"
    assert data["topics"][-1] == "vision-language/training/section-1"  # 多模态篇: no Latin id


def test_interrupted_import_leaves_valid_files_and_rerun_finishes(
    atlas_copy: Path, capsys, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    clean = tmp_path / "clean"
    shutil.copytree(atlas_copy, clean)
    run_json(capsys, *bold(clean))
    real = apply_module.atomic_write
    calls = []

    def flaky(path: Path, data: str | bytes, **kwargs: object) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(apply_module, "atomic_write", flaky)
    assert main(["import", *bold(atlas_copy)]) == 130
    capsys.readouterr()
    assert not list(atlas_copy.rglob("*.tmp"))
    assert not load_content(atlas_copy).errors  # every file written is whole and valid
    monkeypatch.setattr(apply_module, "atomic_write", real)
    run_json(capsys, *bold(atlas_copy))
    assert snapshot(atlas_copy) == snapshot(clean)


def test_map_mistakes_are_located(atlas_copy: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.map.yml"
    bad.write_text("topics:\n  Training: trainig\nskip: List of Models\n", encoding="utf-8")
    code = main(
        [
            "import",
            "markdown",
            str(FIXTURES / "bold_list.md"),
            "--survey",
            "vision-language",
            "--content",
            str(atlas_copy),
            "--map",
            str(bad),
        ]
    )
    err = capsys.readouterr().err
    assert code == ExitCode.INVALID
    assert (
        f"{bad}:2:13: topics.Training: 'trainig' is not a topic of survey 'vision-language'" in err
    )
    assert "did you mean 'training'?" in err
    assert f"{bad}:3:7: skip: expected a list of heading names" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--survey", "nope"], "unknown survey 'nope'"),
        (["--survey", "vision-language", "--under", "nope"], "--under nope: no such topic"),
    ],
)
def test_usage_errors(atlas_copy: Path, capsys, extra: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    code = main(
        [
            "import",
            "markdown",
            str(FIXTURES / "plain_list.md"),
            "--content",
            str(atlas_copy),
            *extra,
        ]
    )
    assert code == ExitCode.USAGE
    assert message in capsys.readouterr().err


def test_refuses_to_import_into_broken_content(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (atlas_copy / "papers" / "broken.yml").write_text("id: broken\ntitle: [\n", encoding="utf-8")
    before = snapshot(atlas_copy)
    code = main(["import", *bold(atlas_copy)])
    assert code == ExitCode.INVALID
    assert "fix them first" in capsys.readouterr().err
    assert snapshot(atlas_copy) == before


def test_require_authors_skips_lines_without_names(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    args = [
        "markdown",
        str(FIXTURES / "plain_list.md"),
        "--survey",
        "vision-language",
        "--content",
        str(atlas_copy),
        "--dry-run",
    ]
    loose = run_json(capsys, *args)
    strict = run_json(capsys, *args, "--require-authors")
    assert loose["new"] == 3 and strict["new"] == 0
    assert sum(s["reason"] == "no authors in the list" for s in strict["skipped"]) == 3


def test_entries_without_authors_are_marked_for_check(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run_json(
        capsys,
        "markdown",
        str(FIXTURES / "plain_list.md"),
        "--survey",
        "vision-language",
        "--content",
        str(atlas_copy),
    )
    content = load_content(atlas_copy)
    assert not content.errors
    gaps = [p for p in content.warnings if p.code == "authors-unknown"]
    assert len(gaps) == 3
    assert gaps[0].message == "no author is named (only 'others')"


def test_text_report(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import", *bold(atlas_copy, "--dry-run")]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "5 papers, 4 new, 1 already in the atlas" in out
    assert "line 61: no date: the line gives no year and no arXiv id" in out
    assert out.rstrip().endswith("dry run: nothing was written")


def test_progress_bar_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown, hidden = Terminal(), io.StringIO()
    for stream in (shown, hidden):
        with Progress(3, "importing", stream) as bar:
            for _ in range(3):
                bar.advance()
    assert "importing [" in shown.getvalue() and "3/3" in shown.getvalue()
    assert hidden.getvalue() == ""
