"""Measuring one thing at a time: a command's wall time and peak memory, the core stages,
and what a built site weighs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import AtlasError

BUILD_TIMEOUT = 3 * 3600


class BenchError(AtlasError):
    """A step of the benchmark failed; the message says which and shows its output."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the largest resident set of the process or any process it waited for
    cpu_seconds: float  # user + system time of the process and the processes it waited for
    output: str
    own_peak_mb: float | None = None  # the process alone, when it reports it (MkDocs runs)


# Runs MkDocs's command line (as `python -m mkdocs` does) and reports the interpreter's own
# peak memory at exit, which wait4 cannot separate from that of Pagefind, its child.
_MKDOCS = """
import atexit, resource, runpy, sys
atexit.register(lambda: sys.stderr.write(
    "\\n%s %d\\n" % (MARK, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
sys.argv = ["mkdocs", *sys.argv[1:]]
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""
_MARK = "surveyatlas-bench-own-maxrss-kb"


def environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def run_measured(argv: list[str], cwd: Path, *, what: str, timeout: float = BUILD_TIMEOUT) -> Run:
    """Run ``argv`` to completion; fail with its output if it exits non-zero.

    The child's own resource usage comes from ``wait4``, so runs do not pollute each other.
    """
    log = cwd / f".bench-{os.getpid()}-{time.monotonic_ns()}.log"
    with log.open("w+", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=environment()
        )
        timer = threading.Timer(timeout, process.kill)  # a hung build must not hang us
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
    log.unlink()
    if process.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise BenchError(f"{what} failed (exit {process.returncode}):\n{tail}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, output)


def mkdocs_build(config: Path, site_dir: Path, *, what: str) -> Run:
    script = f"MARK = {_MARK!r}\n" + _MKDOCS
    argv = [sys.executable, "-c", script, "build", "--quiet", "-f", str(config)]
    run = run_measured([*argv, "--site-dir", str(site_dir)], config.parent, what=what)
    own = [line.split()[1] for line in run.output.splitlines() if line.startswith(_MARK)]
    return replace(run, own_peak_mb=int(own[-1]) / 1024 if own else None)


def core_stages(content: Path, templates: Path, *, repeat: int = 1) -> dict[str, float]:
    """Load, validate, index and render in a fresh interpreter (see :mod:`.core`); the
    median of ``repeat`` runs, each stage taken from the same run."""
    runs = []
    for _ in range(repeat):
        argv = [sys.executable, "-m", "surveyatlas.bench.core", str(content), str(templates)]
        run = run_measured(argv, content.parent, what="the core pipeline")
        runs.append(json.loads(run.output.strip().splitlines()[-1]))
    runs.sort(key=lambda r: r["total"])
    return dict(runs[len(runs) // 2])


@dataclass(frozen=True)
class SiteStats:
    bytes: int
    files: int
    html_pages: int
    largest_page: str
    largest_page_bytes: int


def site_stats(site_dir: Path) -> SiteStats:
    total = files = pages = largest = 0
    largest_path = ""
    for root, _dirs, names in os.walk(site_dir):
        for name in names:
            path = Path(root, name)
            size = path.stat().st_size
            total += size
            files += 1
            if name.endswith(".html"):
                pages += 1
                if size > largest:
                    largest, largest_path = size, path.relative_to(site_dir).as_posix()
    return SiteStats(total, files, pages, largest_path, largest)
