"""Data safety under faults: killed writers, a full disk, permissions, files changed under
a command's feet, two processes at once; rewriting tools keep comments and meaning; exit
codes tell failures apart; expected failures print one line and never a traceback."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from surveyatlas import cli, output
from surveyatlas.commands import fmt as fmt_cmd
from surveyatlas.loader import load_content

from .conftest import ROOT, TODAY
from .sitefixture import free_port

HOSTILE = Path(__file__).resolve().parent / "hostile"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}

COMMENTED = """\
# yaml-language-server: $schema=../schemas/paper.schema.json
# A hand-written entry: every comment here must survive a rewrite.
id: base-paper   # the file name
title: A Base Paper That Every Case Starts From
authors:
  - Ada Example  # first author
  - others
date: 2023-01
arxiv: "2301.00001"
venue: NO        # YAML 1.1 would read false
organizations: [0123, 1:20, yes]
topics: [demo/models/vision, demo/models/text, demo/data]
summary: A plain, valid entry.
added: 2026-11-01
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository-like folder: the hostile base content, the real templates, cwd set."""
    shutil.copytree(HOSTILE / "base" / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "content/papers/base-paper.yml").write_text(COMMENTED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("surveyatlas: error: "), err
    assert "Traceback" not in err
    return lines[0]


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


# --------------------------------------------------------------------------- interrupted


WRITER = """
import sys
from pathlib import Path
from surveyatlas.output import atomic_write
path = Path(sys.argv[1])
big = int(sys.argv[2])
i = 0
print("ready", flush=True)
while True:
    atomic_write(path, (b"A" if i % 2 else b"B") * big)
    i += 1
"""


def test_killed_writer_leaves_the_old_file_or_the_new(tmp_path: Path) -> None:
    """SIGKILL at random moments in a loop of atomic writes: the file is always whole."""
    target = tmp_path / "papers" / "x.yml"
    size = 4 * 1024 * 1024
    target.parent.mkdir()
    target.write_bytes(b"A" * size)
    for delay in (0.05, 0.13, 0.21, 0.34, 0.55):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(size)],
            stdout=subprocess.PIPE,
            env=ENV,
        )
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = target.read_bytes()
        assert len(data) == size and data in (b"A" * size, b"B" * size)
    # A temporary file a killed writer leaves behind is never read as content.
    leftovers = [p.name for p in target.parent.iterdir() if p.name != "x.yml"]
    assert all(p.startswith(".x.yml.") and p.endswith(".tmp") for p in leftovers)


def test_interrupt_during_render_is_one_line_and_leaves_no_temp_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_fsync = os.fsync
    calls = {"n": 0}

    def fsync_then_interrupt(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(output.os, "fsync", fsync_then_interrupt)
    assert cli.main(["render", "--out", "out"]) == 130
    assert capsys.readouterr().err == "surveyatlas: interrupted\n"
    assert temp_files(project / "out") == []


# --------------------------------------------------------------------------- full disk


def no_space(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_during_render_exits_4_and_keeps_every_file_whole(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["render", "--out", "out"]) == 0
    before = {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()}
    paper = project / "content/papers/base-paper.yml"
    paper.write_text(COMMENTED.replace("A plain, valid entry.", "A changed entry."), "utf-8")
    capsys.readouterr()
    monkeypatch.setattr(output.os, "fsync", no_space)
    assert cli.main(["render", "--out", "out"]) == 4
    line = one_line_error(capsys.readouterr().err)
    assert "no space left on the device" in line
    after = {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()}
    assert after == before and temp_files(project / "out") == []


def test_full_disk_during_fmt_keeps_the_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = project / "content/papers/base-paper.yml"
    monkeypatch.setattr(output.os, "fsync", no_space)
    assert cli.main(["fmt"]) == 4
    assert "no space left on the device" in one_line_error(_last(capsys))
    assert paper.read_text("utf-8") == COMMENTED
    assert temp_files(project / "content") == []


def _last(capsys: pytest.CaptureFixture[str]) -> str:
    # fmt prints progress on stdout; the error is the only line on stderr.
    return capsys.readouterr().err


# --------------------------------------------------------------------------- permissions


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EACCES, "check the file's permissions"), (errno.EROFS, "check the file's permissions")],
)
def test_unwritable_output_exits_4(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    words: str,
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code), str(project / "out"))

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    assert cli.main(["render", "--out", "out"]) == 4
    assert words in one_line_error(capsys.readouterr().err)


def test_output_path_that_is_a_file_exits_4(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "out").write_text("not a folder")
    assert cli.main(["render", "--out", "out"]) == 4
    one_line_error(capsys.readouterr().err)


def test_unreadable_content_file_is_a_located_problem(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "base-paper.yml":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    content = load_content(Path("content"), today=TODAY)
    [problem] = [p for p in content.errors if p.code == "io"]
    assert problem.path.endswith("base-paper.yml") and "Permission denied" in problem.message


# --------------------------------------------------------------------------- changed on disk


def test_fmt_refuses_a_file_edited_while_it_ran(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = project / "content/papers/base-paper.yml"
    theirs = COMMENTED + "# someone else's edit, saved while fmt was running\n"
    real = fmt_cmd.format_file

    def format_then_someone_saves(path: Path, kind: Any) -> Any:
        outcome = real(path, kind)
        path.write_text(theirs, encoding="utf-8")
        return outcome

    monkeypatch.setattr(fmt_cmd, "format_file", format_then_someone_saves)
    assert cli.main(["fmt"]) == 4
    assert "changed on disk since it was read" in one_line_error(_last(capsys))
    assert paper.read_text("utf-8") == theirs  # their edit is not lost


# --------------------------------------------------------------------------- two at once


def run_cli(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "surveyatlas", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


def test_two_renders_at_once_give_one_whole_tree(project: Path) -> None:
    procs = [run_cli("render", "--out", "out", cwd=project) for _ in range(3)]
    results = [(p.wait(timeout=120), p.communicate()) for p in procs]
    assert [code for code, _ in results] == [0, 0, 0], results
    assert temp_files(project / "out") == []
    again = subprocess.run(
        [sys.executable, "-m", "surveyatlas", "render", "--out", "out"],
        cwd=project,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert ": 0 written," in again.stdout and "0 removed" in again.stdout


def test_two_formatters_at_once_lose_nothing(project: Path) -> None:
    procs = [run_cli("fmt", cwd=project) for _ in range(2)]
    results = [(p.wait(timeout=120), p.communicate()) for p in procs]
    for code, (_out, err) in results:
        assert code in (0, 4) and "Traceback" not in err  # 4: the other one got there first
    text = (project / "content/papers/base-paper.yml").read_text("utf-8")
    assert all(c in text for c in ("# A hand-written", "# first author", "# YAML 1.1"))
    assert (
        subprocess.run(
            [sys.executable, "-m", "surveyatlas", "fmt", "--check"], cwd=project, env=ENV
        ).returncode
        == 0
    )
    assert temp_files(project / "content") == []


# --------------------------------------------------------------------------- meaning kept


def test_fmt_keeps_comments_and_the_strings_as_written(project: Path) -> None:
    before = load_content(Path("content"), today=TODAY).papers["base-paper"]
    assert cli.main(["fmt"]) == 0
    text = (project / "content/papers/base-paper.yml").read_text("utf-8")
    for comment in ("# A hand-written entry", "# the file name", "# first author", "# YAML 1.1"):
        assert comment in text
    after = load_content(Path("content"), today=TODAY)
    assert after.papers["base-paper"] == before
    assert before.venue == "NO" and before.organizations == ["0123", "1:20", "yes"]
    assert not [p for p in after.problems if p.code == "unquoted-text"]  # now quoted
    assert cli.main(["fmt", "--check"]) == 0


@pytest.mark.parametrize(
    ("name", "setup"),
    [
        ("symlink", lambda p: p.symlink_to("/etc/hostname")),
        ("tagged", lambda p: p.write_text("id: tagged\ntitle: !!python/object:os.system x\n")),
        ("oversize", lambda p: p.write_bytes(b"id: oversize\n# " + b"x" * 300_000 + b"\n")),
    ],
)
def test_fmt_refuses_hostile_files_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, setup: Any
) -> None:
    path = project / "content/papers" / f"{name}.yml"
    setup(path)
    snapshot = {p: p.read_bytes() for p in (project / "content").rglob("*.yml") if p.is_file()}
    assert cli.main(["fmt"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "nothing was written" in err
    assert {p: p.read_bytes() for p in snapshot} == snapshot
    assert path.is_symlink() == (name == "symlink")


def test_import_keeps_comments_and_every_value(project: Path) -> None:
    listing = project / "list.md"
    listing.write_text(
        textwrap.dedent(
            """\
            # Demo list
            ## Data
            - **A Base Paper That Every Case Starts From** [[paper](https://arxiv.org/abs/2301.00001v2)]
            """
        ),
        encoding="utf-8",
    )
    before = load_content(Path("content"), today=TODAY).papers["base-paper"]
    assert cli.main(["import", "markdown", str(listing), "--survey", "demo"]) == 0
    text = (project / "content/papers/base-paper.yml").read_text("utf-8")
    for comment in ("# A hand-written entry", "# the file name", "# first author", "# YAML 1.1"):
        assert comment in text
    after = load_content(Path("content"), today=TODAY).papers["base-paper"]
    assert after.model_dump(exclude={"topics"}) == before.model_dump(exclude={"topics"})
    assert set(before.topics) <= set(after.topics)
    assert cli.main(["import", "markdown", str(listing), "--survey", "demo"]) == 0
    assert (project / "content/papers/base-paper.yml").read_text("utf-8") == text  # idempotent


# --------------------------------------------------------------------------- exit codes


def cli_run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "surveyatlas", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )


def test_exit_codes_tell_failures_apart(project: Path) -> None:
    """1 content, 2 usage, 3 network, 4 file system: each one line, never a traceback."""
    closed = f"http://127.0.0.1:{free_port()}/api/query"
    (project / "content/papers/broken.yml").write_text("id: broken\ntitle: [\n")
    invalid = cli_run("check", cwd=project)
    (project / "content/papers/broken.yml").unlink()
    (project / "a-file").write_text("x")
    runs = {
        1: invalid,
        2: cli_run("check", "--no-such-option", cwd=project),
        3: cli_run("add", "2302.12345", "--topic", "demo/data", "--arxiv-api", closed, cwd=project),
        4: cli_run("render", "--out", "a-file/out", cwd=project),
    }
    for code, run in runs.items():
        assert run.returncode == code, (code, run.stdout, run.stderr)
        assert "Traceback" not in run.stdout + run.stderr
    assert "broken.yml:3:1:" in invalid.stdout
    for code in (3, 4):
        one_line_error(runs[code].stderr)
    assert runs[2].stderr.strip().splitlines()[-1].startswith("surveyatlas: error:")
    assert not (project / "content/papers/2302.12345.yml").exists()
    assert list((project / "content/papers").glob("*.yml")) == [
        project / "content/papers/base-paper.yml"
    ]


def test_usage_errors_are_one_line(project: Path) -> None:
    for args in (("topics", "no-such-survey"), ("scan", "no-such-site"), ("fmt", "nowhere.yml")):
        run = cli_run(*args, cwd=project)
        assert run.returncode == 2, (args, run.stderr)
        one_line_error(run.stderr)
