"""The hostile-input corpus: every case in tests/hostile/load, checked against its expected.json.

Each case is a folder: ``content/`` (files dropped into a copy of tests/hostile/base) and
``expected.json`` (what ``check`` must report: every problem as
``path:line:col severity code``, and optionally values that must load exactly as written,
text the report must contain, and setup steps for what git cannot store). See
tests/hostile/README.md to add one.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from surveyatlas import cli
from surveyatlas.loader import load_content
from surveyatlas.problems import format_text

from .conftest import TODAY

HOSTILE = Path(__file__).resolve().parent / "hostile"
# Problems found by comparing files; the file itself loaded, and the build still refuses.
CROSS_FILE_CODES = {"unknown-topic", "duplicate-arxiv", "duplicate-doi", "duplicate-title"}
CASES = sorted(p for p in (HOSTILE / "load").iterdir() if (p / "expected.json").is_file())


def build_case(case: Path, root: Path) -> Path:
    """A content folder: the base atlas, the case's files, then its setup steps."""
    content = root / "content"
    shutil.copytree(HOSTILE / "base" / "content", content)
    if (case / "content").is_dir():
        shutil.copytree(case / "content", content, dirs_exist_ok=True, symlinks=True)
    for step in expected(case).get("setup", []):
        apply_setup(step, content, root)
    return content


def apply_setup(step: dict[str, Any], content: Path, root: Path) -> None:
    target = content / step["path"]
    op = step["op"]
    if op == "symlink":
        target.symlink_to(step["target"])
    elif op == "fifo":
        os.mkfifo(target)
    elif op == "write":
        data = bytes.fromhex(step["hex"]) if "hex" in step else step["text"].encode()
        target.write_bytes(data)
    elif op == "pad":  # a valid file grown past the size cap with a trailing comment
        body = (HOSTILE / "base/content/papers/base-paper.yml").read_bytes()
        body = body.replace(b"base-paper", target.stem.encode())
        target.write_bytes(body + b"# " + b"x" * (step["bytes"] - len(body) - 3) + b"\n")
    elif op == "link-folder":  # move a folder out of content/ and leave a link in its place
        outside = root / "outside" / step["path"]
        outside.parent.mkdir(parents=True)
        shutil.move(str(target), outside)
        target.symlink_to(outside, target_is_directory=True)
    else:
        raise AssertionError(f"unknown setup op {op!r}")


def expected(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return data


def summary_line(problem: Any) -> str:
    path = problem.path.removeprefix("content/")
    return f"{path}:{problem.line}:{problem.col} {problem.severity.value} {problem.code}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = expected(case)
    build_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    content = load_content(Path("content"), today=TODAY)

    assert [summary_line(p) for p in content.problems] == spec["problems"], format_text(
        content.problems
    )
    for problem in content.problems:
        assert problem.message and (problem.hint or problem.code == "file-empty"), problem
    report = format_text(content.problems)
    for text in spec.get("contains", []):
        assert text in report
    for rel, fields in spec.get("values", {}).items():
        paper = content.papers[Path(rel).stem]
        for name, value in fields.items():
            assert getattr(paper, name) == value, (rel, name)
    # A file with an error of its own never loads: nothing of it can reach the site.
    own = {Path(p.path).stem for p in content.errors if p.code not in CROSS_FILE_CODES}
    assert not own & (set(content.papers) | set(content.surveys))


def test_corpus_size() -> None:
    """The issue asks for at least 80 hostile inputs; the load corpus alone has more."""
    assert len(CASES) >= 80


def test_check_command_over_every_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI gives the right exit code for each case, prints its problems, never a traceback."""
    monkeypatch.chdir(tmp_path)
    for case in CASES:
        root = tmp_path / case.name
        root.mkdir()
        content = build_case(case, root)
        code = cli.main(["check", "--content", str(content)])
        out, err = capsys.readouterr()
        errors = [line for line in expected(case)["problems"] if " error " in line]
        assert code == (1 if errors else 0), (case.name, out)
        assert "Traceback" not in out + err
        assert out.rstrip().endswith(("no problems found", "file", "files")), out[-200:]
        # Terminal escapes and bidi controls from content never reach a terminal or CI log.
        assert not set(out) & {"\x1b", "\x00", "\x85", "\u202e", "\u2066"}, case.name
