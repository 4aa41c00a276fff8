"""scripts/copy_check.py: summaries sharing a long run of words with a source are found."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("copy_check", ROOT / "scripts" / "copy_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["copy_check"] = module
    spec.loader.exec_module(module)
    return module


def write_atlas(root: Path, summary: str) -> Path:
    content = root / "content"
    (content / "papers").mkdir(parents=True)
    (content / "surveys").mkdir()
    (content / "papers" / "demo.yml").write_text(
        "id: demo\ntitle: A Study of Gentle Rain over Quiet Northern Lakes\n"
        f"summary: {json.dumps(summary)}\n",
        encoding="utf-8",
    )
    (content / "surveys" / "s.yml").write_text(
        "id: s\ntitle: S\ndescription: Our own words about the survey.\n"
        "taxonomy:\n  - id: a\n    name: A\n    description: A topic we describe ourselves.\n",
        encoding="utf-8",
    )
    sources = root / "sources"
    sources.mkdir()
    (sources / "README.md").write_text(
        "- A Study of Gentle Rain over Quiet Northern Lakes: the authors measure how "
        "rainfall changes the colour of lake water in spring.\n",
        encoding="utf-8",
    )
    return content


@pytest.mark.parametrize(
    ("summary", "code", "reported"),
    [
        ("Tracks seasonal shifts in lake colour after rain, from field samples.", 0, 0),
        # the paper's own title is a fact, not copied prose
        ("A Study of Gentle Rain over Quiet Northern Lakes reports field samples.", 0, 0),
        ("Here the authors measure how rainfall changes the colour of lake water.", 1, 1),
        ("THE AUTHORS, Measure: how rainfall changes the colour of lake... water", 1, 1),
    ],
)
def test_shared_runs_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], summary: str, code: int, reported: int
) -> None:
    tool = load_tool()
    content = write_atlas(tmp_path, summary)
    assert tool.main([str(tmp_path / "sources"), "--content", str(content)]) == code
    out = capsys.readouterr().out
    assert out.startswith(f"3 texts checked; {reported} share a run of 8 words")
    assert ("demo.yml: the authors measure how rainfall changes the colour" in out) == bool(
        reported
    )


def test_missing_source_folder_is_a_usage_error(tmp_path: Path) -> None:
    tool = load_tool()
    assert tool.main([str(tmp_path / "nowhere"), "--content", str(tmp_path)]) == 2
