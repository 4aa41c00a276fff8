"""Map files correct lines that link the wrong paper: applied before matching, reported,
validated with located errors (fixtures: wrong_links.md and its map, written for the tests)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from surveyatlas.cli import main
from surveyatlas.importers.corrections import Correction, apply_corrections
from surveyatlas.importers.records import Candidate
from surveyatlas.problems import ExitCode
from surveyatlas.yamlsource import parse_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SOURCE = FIXTURES / "wrong_links.md"
MAP = FIXTURES / "wrong_links.map.yml"


def args(content: Path, *extra: str, mapping: Path = MAP) -> list[str]:
    return [
        "import",
        "markdown",
        str(SOURCE),
        "--survey",
        "vision-language",
        "--content",
        str(content),
        "--map",
        str(mapping),
        *extra,
    ]


def report(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    assert code == ExitCode.OK, out
    return json.loads(out)


def rows_by_line(data: dict) -> dict[int, dict]:
    return {row["line"]: row for row in data["imported"]}


def test_without_corrections_the_wrong_lines_are_skipped(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bare = atlas_copy / "bare.map.yml"
    bare.write_text("topics: {Architecture: architecture, Training: training}\n", "utf-8")
    data = report(capsys, args(atlas_copy, "--dry-run", mapping=bare))
    reasons = {s["line"]: s["reason"] for s in data["skipped"]}
    assert "2304.00011 is already given to 'VisLM" in reasons[7]
    assert reasons[8] == "malformed arXiv link 'https://arxiv.org/abs/2403.0912'"
    assert "2106.00030 is already given to 'LowRank" in reasons[13]
    assert data["corrected"] == 0


def test_corrections_apply_before_matching(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = report(capsys, args(atlas_copy, "--dry-run"))
    assert data["skipped"] == []
    rows = rows_by_line(data)
    assert (rows[7]["status"], rows[7]["arxiv"]) == ("new", "2403.05678")
    assert rows[7]["listed"] == {"arxiv": "2304.00011"}
    assert rows[7]["correction"] == "the paper's abstract page (fixture)"
    assert (rows[8]["arxiv"], rows[8]["listed"]) == ("2403.09120", {"arxiv": "2403.0912"})
    assert (rows[9]["paper"], rows[9]["title"]) == (
        "vislm",
        "VisLM: Teaching a Language Model to Look",
    )
    assert rows[9]["listed"] == {"title": "Teaching a Language Model to Look"}
    assert rows[13]["paper"] == "quantlr" and rows[13]["status"] == "merged"
    assert rows[13]["listed"] == {"arxiv": "2106.00030", "title": "Low-Rank Tricks"}
    assert "listed" not in rows[14]  # an uncorrected line
    assert data["corrected"] == 4
    assert [c["line"] for c in data["corrections"]] == [7, 8, 9, 13]
    assert data["corrections"][3]["corrected"] == {
        "arxiv": "2305.00040",
        "title": "QuantLR: Low-Rank Tuning on a 4-bit Base",
    }
    assert data["corrections"][3]["source"] == "the entry quantlr.yml"
    assert data["unused_corrections"] == ["A Line That Is Not In The List"]


def test_corrected_import_writes_right_ids_and_repeats_as_a_no_op(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    report(capsys, args(atlas_copy))
    written = {p.name: p.read_text("utf-8") for p in (atlas_copy / "papers").glob("*.yml")}
    rolling = next(text for text in written.values() if "Rolling Encoders" in text)
    assert 'arxiv: "2403.05678"' in rolling and "date: 2024-03" in rolling
    assert sum("2304.00011" in text for text in written.values()) == 1  # only vislm.yml
    quant, _ = parse_yaml(written["quantlr.yml"], "quantlr.yml")
    assert "vision-language/training" in quant["topics"]
    assert quant["title"] == "QuantLR: Low-Rank Tuning on a 4-bit Base"
    again = report(capsys, args(atlas_copy))
    assert (again["new"], again["written"], again["corrected"]) == (0, [], 4)


def test_text_report_shows_each_correction_and_its_source(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(args(atlas_copy, "--dry-run")) == ExitCode.OK
    out = capsys.readouterr().out
    assert "corrected by the map (4):" in out
    assert (
        "  line 8: arxiv '2403.0912' -> '2403.09120' (checked: the paper's abstract page (fixture))"
        in out
    )
    assert (
        "corrections that matched no line (remove them?): 'A Line That Is Not In The List'" in out
    )


def test_correction_mistakes_are_located(atlas_copy: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.map.yml"
    bad.write_text(
        "corrections:\n"
        "  No Source:\n"
        "    arxiv: '2403.05678'\n"
        "  Bad Id:\n"
        "    arxiv: '2403.567'\n"
        "    source: somewhere\n"
        "  Nothing To Do:\n"
        "    source: somewhere\n"
        "  Typo:\n"
        "    titel: X\n"
        "    source: somewhere\n"
        "  'no  source':\n"
        "    title: X\n"
        "    source: somewhere\n"
        "  Plain: text\n",
        encoding="utf-8",
    )
    assert main(args(atlas_copy, "--dry-run", mapping=bad)) == ExitCode.INVALID
    err = capsys.readouterr().err
    located = [
        line.split(f"{bad}:", 1)[1] for line in err.splitlines() if line.startswith(str(bad))
    ]
    assert located == [
        "2:3: corrections.No Source: a correction needs 'source': "
        "where the correct fact was checked",
        "5:12: corrections.Bad Id.arxiv: '2403.567' is not an arXiv id",
        "7:3: corrections.Nothing To Do: a correction sets 'arxiv', 'title' or both",
        "10:5: corrections.Typo.titel: unknown key 'titel'",
        "9:3: corrections.Typo: a correction sets 'arxiv', 'title' or both",
        "12:3: corrections.no  source: 'no  source' names the same line as 'No Source'",
        "15:10: corrections.Plain: expected 'arxiv', 'title' and 'source'",
    ]
    assert "hint: write it bare, e.g. '2305.16367'" in err
    assert err.rstrip().endswith("has 7 mistake(s)")


def test_keys_name_a_line_by_title_name_or_listed_id() -> None:
    fix = Correction("x", "2401.00001", None, "checked")
    by_name = Candidate(1, 1, "", title="Some Title", name="ModelX")
    by_bad_id = Candidate(2, 2, "", title="Other", bad_arxiv="https://arxiv.org/pdf/2401.0001.pdf")
    untouched = Candidate(3, 3, "", title="ModelX and friends")
    done, unused = apply_corrections(
        [by_name, by_bad_id, untouched],
        {"modelx": fix, "2401 0001": fix, "never": Correction("never", None, "T", "s")},
    )
    assert [c.candidate.line for c in done] == [1, 2]
    assert by_name.arxiv == by_bad_id.arxiv == "2401.00001"
    assert by_bad_id.bad_arxiv is None
    assert untouched.arxiv is None
    assert [c.key for c in unused] == ["never"]


def test_a_link_whose_text_is_its_address_names_no_title(atlas_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(FIXTURES / "mm-demo.yml", atlas_copy / "surveys" / "mm-demo.yml")
    argv = ["import", "posts", str(FIXTURES / "url_title_posts"), "--survey", "mm-demo"]
    argv += ["--content", str(atlas_copy), "--dry-run"]
    bare = atlas_copy / "bare.map.yml"
    bare.write_text("topics: {MM-LLMs: models}\n", "utf-8")
    data = report(capsys, [*argv, "--map", str(bare)])
    assert [s["reason"] for s in data["skipped"]] == ["no title in the line"]
    data = report(capsys, [*argv, "--map", str(FIXTURES / "url_title.map.yml")])
    [row] = data["imported"]
    assert (row["paper"], row["title"]) == (
        "pelican",
        "Pelican: Seeing Pixels Through Instructions",
    )
    assert row["listed"] == {"title": ""}
