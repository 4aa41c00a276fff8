"""The live preview: edits show up without a restart; broken content never stops it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import ATLAS
from .sitefixture import free_port, make_project

pytestmark = pytest.mark.build
PAPER = "content/papers/vislm.yml"
STATUS = "_atlas/problems.json"


class Preview:
    def __init__(self, project: Path, port: int, process: subprocess.Popen[str]) -> None:
        self.project, self.port, self.process = project, port, process

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}/{path}", timeout=5
            ) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    def wait_for(self, path: str, predicate: Callable[[str], bool], timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            try:
                status, last = self.get(path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                status = 0
            if status == 200 and predicate(last):
                return last
            assert self.process.poll() is None, "the preview server exited"
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting on /{path}; last body: {last[:500]}")

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.project / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture(params=["dirty", "full"])
def preview(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Preview]:
    project = make_project(tmp_path / "p", ATLAS / "content")
    port = free_port()
    argv = [sys.executable, "-m", "surveyatlas", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    if request.param == "full":
        argv.append("--full")
    process = subprocess.Popen(
        argv,
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    server = Preview(project, port, process)
    try:
        server.wait_for("", lambda body: "LLM Survey Atlas" in body)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_edit_broken_save_and_recovery(preview: Preview) -> None:
    page = "papers/vislm/"
    preview.wait_for(page, lambda body: "Teaching a Language Model to Look" in body)

    preview.edit(PAPER, "Teaching a Language Model to Look", "Teaching a Language Model to Read")
    preview.wait_for(page, lambda body: "Teaching a Language Model to Read" in body)

    # Every page loads the preview script, which shows the problems it reads from here.
    assert "surveyatlas-preview.js" in preview.wait_for(page, lambda body: True)
    assert json.loads(preview.wait_for(STATUS, lambda body: True)) == {"errors": [], "stale": []}

    # A half-finished edit: the server keeps serving the last good version, with the problem shown.
    preview.edit(PAPER, "date: 2023-04-17", "date: 2023/04")
    status = json.loads(preview.wait_for(STATUS, lambda body: "2023/04" in body))
    assert status["stale"] == [PAPER]
    assert status["errors"][0].startswith(
        f"{PAPER}:4:7: date: expected YYYY, YYYY-MM or YYYY-MM-DD"
    )
    assert "Teaching a Language Model to Read" in preview.get(page)[1]

    preview.edit(PAPER, "date: 2023/04", "date: 2023-04-18")
    preview.wait_for(STATUS, lambda body: json.loads(body)["errors"] == [])
    preview.wait_for(page, lambda body: "18 Apr 2023" in body)
    assert preview.process.poll() is None


def test_template_edit_updates_pages(preview: Preview) -> None:
    preview.edit("templates/paper.md.j2", "## Cite { #sa-cite }", "## Cite this paper { #sa-cite }")
    preview.wait_for("papers/vislm/", lambda body: "Cite this paper" in body)


def test_new_and_deleted_papers(preview: Preview) -> None:
    source = preview.project / PAPER
    copy = preview.project / "content/papers/vislm-two.yml"
    copy.write_text(
        source.read_text(encoding="utf-8")
        .replace("id: vislm", "id: vislm-two")
        .replace('"2304.00011"', '"2304.00012"')
        .replace("VisLM: Teaching", "VisLM Two: Teaching"),
        encoding="utf-8",
    )
    preview.wait_for("papers/vislm-two/", lambda body: "VisLM Two" in body)
    copy.unlink()
    preview.wait_for(
        "surveys/vision-language/architecture/connectors/", lambda body: "vislm-two" not in body
    )
