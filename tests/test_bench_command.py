"""``surveyatlas bench``: a smoke run on a tiny atlas, and the report's arithmetic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from surveyatlas.bench.report import MB, measures, results_table, targets_table
from surveyatlas.bench.search import browser_path
from surveyatlas.cli import main
from surveyatlas.commands.bench import parse_sizes

from .conftest import ROOT


@pytest.mark.build
def test_quick_run_measures_every_step(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    argv = ["bench", "--quick", "--sizes", "40", "--out", str(out), "--work-dir", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, "-m", "surveyatlas", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| measure | 40 papers |" in done.stdout
    assert "| full / plain |" in done.stdout.replace("**", "")
    data = json.loads(out.read_text())
    assert data["machine"]["cores"] >= 1 and "mkdocs" in data["versions"]
    [result] = data["results"]
    assert result["papers"] == 40 and result["surveys"] >= 1 and result["topics"] >= 1
    core = result["core"]
    stages = ("read", "validate", "index", "render")
    assert all(core[stage] > 0 for stage in stages)
    assert sum(core[stage] for stage in stages) <= core["total"]
    assert core["pages"] > 40  # a page per paper, plus surveys, topics and the timeline
    full, plain = result["full_build"], result["plain_build"]
    assert full["seconds"] > 0 and plain["seconds"] > 0 and full["peak_mb"] > 10
    assert 10 < full["mkdocs_peak_mb"] <= full["peak_mb"]
    assert result["ratio"] == pytest.approx(full["seconds"] / plain["seconds"])
    site = result["site"]
    assert site["html_pages"] > 40 and 0 < site["largest_page_bytes"] < site["bytes"]
    assert site["largest_page"].endswith(".html")
    assert len(result["preview"]["saves"]) == 1 and result["preview"]["median"] > 0
    search = result["search"]
    if browser_path() is not None:
        assert search["engine"] == "pagefind" and search["bytes"] > 1000
        assert search["by_kind"]["fragments"] > 0
    else:
        assert "error" in search
    assert not list(tmp_path.glob("surveyatlas-bench-*")), "temporary sites are removed"


def test_sizes_accept_thousands_and_refuse_nonsense(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_sizes("1000, 10k,50_000") == [1000, 10_000, 50_000]
    assert main(["bench", "--sizes", "ten"]) == 2
    assert "--sizes" in capsys.readouterr().err
    assert main(["bench", "--only", "core,coffee"]) == 2
    assert main(["bench", "--project", "/nonexistent"]) == 2


def _result(papers: int, core: float, full: float, plain: float) -> dict[str, object]:
    return {
        "papers": papers,
        "surveys": 3,
        "topics": 30,
        "cross_listed": papers // 4,
        "core": {"read": core / 4, "validate": core / 4, "index": core / 4, "render": core / 4}
        | {"total": core, "pages": papers + 50, "peak_mb": 50.0},
        "full_build": {"seconds": full, "peak_mb": 250.0},
        "plain_build": {"seconds": plain, "peak_mb": 200.0},
        "ratio": full / plain,
        "site": {
            "bytes": 40 * MB,
            "html_pages": papers + 52,
            "largest_page": "timeline/2024/index.html",
            "largest_page_bytes": 2 * MB,
        },
        "search": {"engine": "pagefind", "bytes": 200 * 1024, "requests": 20},
        "preview": {"startup": 9.0, "saves": [1.2, 1.1, 1.3], "median": 1.2},
    }


def test_targets_say_met_or_missed() -> None:
    results = [_result(10_000, 2.0, 50.0, 40.0)]
    assert measures(results[0])["peak"] == 250 * MB
    table = targets_table(results)
    assert "| load + validate + index + render | 2.00 s ≤ 2.50 s: met |" in table
    assert "| full build / plain build | 1.25 ≤ 1.15: MISSED |" in table
    assert "largest HTML page | 2.0 MB ≤ 1.0 MB: MISSED" in table
    assert "search bytes per query | 200 KB ≤ 300 KB: met" in table
    assert "1.20 s ≤ 4.00 s: met" in table


def test_sizes_without_targets_get_no_target_table() -> None:
    results = [_result(123, 0.1, 2.0, 1.0)]
    assert targets_table(results) == ""
    table = results_table(results)
    assert "| measure | 123 papers |" in table
    assert "| preview: each save | 1.20, 1.10, 1.30 s |" in table
