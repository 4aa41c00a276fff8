"""A live `surveyatlas serve` for tests: start it on a copy of the fixture atlas, edit
files, and wait for what it serves. Output goes to a log file (a pipe nobody reads
would fill up and stall the server)."""

from __future__ import annotations

import contextlib
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

from .conftest import ATLAS
from .sitefixture import free_port, make_project

STATUS = "_atlas/problems.json"


class PreviewServer:
    def __init__(self, project: Path, port: int, process: subprocess.Popen[str], log: Path):
        self.project, self.port, self.process, self.log = project, port, process, log

    def get(self, path: str) -> tuple[int, str]:
        url = f"http://127.0.0.1:{self.port}/{path}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    def wait_for(
        self, path: str, predicate: Callable[[str], bool], timeout: float = 60, status: int = 200
    ) -> str:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            try:
                code, last = self.get(path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                code = 0
            if code == status and predicate(last):
                return last
            assert self.process.poll() is None, "the preview server exited:\n" + self.output()
            time.sleep(0.25)
        raise AssertionError(f"timed out on /{path}; last: {last[:300]}\n{self.output()[-2000:]}")

    def problems(self) -> dict[str, list[str]]:
        data: dict[str, list[str]] = json.loads(self.get(STATUS)[1])
        return data

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        return self.output().count("Building documentation")

    def save(self, rel: str, text: str) -> None:
        (self.project / rel).write_text(text, encoding="utf-8")

    def text(self, rel: str) -> str:
        return (self.project / rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        self.save(rel, self.text(rel).replace(old, new))

    def settle(self, seconds: float = 3.0) -> None:
        """Wait until no build has started for ``seconds``."""
        count, quiet_since = self.builds(), time.monotonic()
        while time.monotonic() - quiet_since < seconds:
            time.sleep(0.25)
            if self.builds() != count:
                count, quiet_since = self.builds(), time.monotonic()


@contextlib.contextmanager
def running_preview(tmp_path: Path, mode: str = "dirty") -> Iterator[PreviewServer]:
    """`surveyatlas serve` (``mode`` "dirty", the default, or "full") on the fixture atlas."""
    project = make_project(tmp_path / "p", ATLAS / "content")
    port = free_port()
    log = tmp_path / "serve.log"
    argv = [sys.executable, "-m", "surveyatlas", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    if mode == "full":
        argv.append("--full")
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            argv,
            cwd=project,
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            start_new_session=True,
        )
    server = PreviewServer(project, port, process, log)
    try:
        server.wait_for("", lambda body: "LLM Survey Atlas" in body, timeout=120)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
