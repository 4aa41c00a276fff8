"""The live preview's latency: from saving a paper's file to its updated page being served.

``surveyatlas serve`` runs as a user would start it; once the first build is served, the
paper's title is changed in its YAML file several times, and after each save the page is
fetched every 50 ms until it shows the new title.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .measure import BenchError, environment

POLL = 0.05
SETTLE = 2.0  # quiet time after the first build and after each edit
_TITLE_LINE = re.compile(r"^title:.*$", re.MULTILINE)


@dataclass(frozen=True)
class PreviewLatency:
    startup: float  # seconds from starting the server to the first page served
    saves: list[float]  # seconds from each save to its page being served

    @property
    def median(self) -> float:
        return statistics.median(self.saves)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def preview_latency(
    project: Path, paper_id: str, *, edits: int = 3, timeout: float = 3600
) -> PreviewLatency:
    port = free_port()
    page = f"http://127.0.0.1:{port}/papers/{paper_id}/"
    paper = project / "content" / "papers" / f"{paper_id}.yml"
    original = paper.read_text(encoding="utf-8")
    argv = [sys.executable, "-m", "surveyatlas", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    log = project / ".bench-serve.log"
    started = time.perf_counter()
    with _server(argv, project, log) as process:
        _wait_for(page, _shows(""), process, log, timeout)
        startup = time.perf_counter() - started
        time.sleep(SETTLE)
        saves = []
        try:
            for number in range(1, edits + 1):
                marker = f"Preview edit {number} of the benchmark"
                paper.write_text(_retitle(original, marker), encoding="utf-8")
                saved = time.perf_counter()
                _wait_for(page, _shows(marker), process, log, timeout)
                saves.append(time.perf_counter() - saved)
                time.sleep(SETTLE)
        finally:
            paper.write_text(original, encoding="utf-8")
    return PreviewLatency(startup, saves)


def _shows(marker: str) -> Callable[[str], bool]:
    return lambda body: marker in body


def _retitle(text: str, marker: str) -> str:
    match = _TITLE_LINE.search(text)
    if match is None:
        raise BenchError("the paper file to edit has no 'title:' line")
    return text[: match.start()] + f"title: {json.dumps(marker)}" + text[match.end() :]


@contextlib.contextmanager
def _server(argv: list[str], cwd: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment(),
            start_new_session=True,  # its own process group, so stopping it stops Pagefind too
        )
        try:
            yield process
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_for(
    url: str,
    ready: Callable[[str], bool],
    process: subprocess.Popen[bytes],
    log: Path,
    timeout: float,
) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-15:]
            raise BenchError("the preview server exited:\n" + "\n".join(tail))
        body = _get(url)
        if body is not None and ready(body):
            return
        time.sleep(POLL)
    raise BenchError(f"the preview did not serve {url} as expected within {timeout:.0f} s")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None
