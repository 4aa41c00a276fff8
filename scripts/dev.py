#!/usr/bin/env python3
"""Task runner for LLM Survey Atlas. Needs nothing but Python 3.10+ (and git).

    python3 scripts/dev.py preview   set everything up, then serve http://127.0.0.1:8000
    python3 scripts/dev.py test      set everything up, then run every check and test
    python3 scripts/dev.py help      list all tasks

Everything installs into ./.venv; the install is redone only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".surveyatlas-installed"
CHROMIUM = "/usr/bin/chromium"
TASKS: dict[str, tuple[Callable[[list[str]], int], str]] = {}


def task(help_text: str) -> Callable[[Callable[[list[str]], int]], Callable[[list[str]], int]]:
    def register(fn: Callable[[list[str]], int]) -> Callable[[list[str]], int]:
        TASKS[fn.__name__.replace("_", "-")] = (fn, help_text)
        return fn

    return register


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*argv: str | Path, check: bool = True) -> int:
    code = subprocess.call([str(a) for a in argv], cwd=ROOT)
    if check and code:
        sys.exit(code)
    return code


def tool(name: str) -> Path:
    return BIN / (f"{name}.exe" if os.name == "nt" else name)


@task("create .venv and install the atlas with its development tools")
def setup(_args: list[str]) -> int:
    if sys.version_info < (3, 10):  # noqa: UP036 - this script must explain, not crash
        sys.exit("LLM Survey Atlas needs Python 3.10 or newer")
    if not PYTHON.exists():
        say(f"creating {VENV.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return 0
    say("installing the atlas and its tools into .venv")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted + "\n")
    return 0


@task("set up, then serve the site at http://127.0.0.1:8000 with live reload")
def preview(args: list[str]) -> int:
    setup([])
    say("starting the preview at http://127.0.0.1:8000 (Ctrl+C stops it)")
    try:
        return run(tool("surveyatlas"), "serve", *args, check=False)
    except KeyboardInterrupt:
        return 0


@task("set up, then lint, type-check, validate the content and run the whole test suite")
def test(args: list[str]) -> int:
    setup([])
    say("ruff (lint and format)")
    run(tool("ruff"), "check", "scripts", "tests")
    run(tool("ruff"), "format", "--check", "scripts", "tests")
    say("mypy")
    run(tool("mypy"))
    say("JSON Schemas are current")
    run(tool("surveyatlas"), "schema", "--check")
    say("content check")
    run(tool("surveyatlas"), "check")
    say("pytest")
    return run(tool("pytest"), *args, check=False)


@task("set up, then build the site into ./site (strict)")
def build(args: list[str]) -> int:
    setup([])
    return run(tool("surveyatlas"), "build", *args, check=False)


@task("set up, then benchmark 1k/10k/50k-paper atlases (see BENCHMARKS.md; --quick, --sizes)")
def bench(args: list[str]) -> int:
    setup([])
    return run(tool("surveyatlas"), "bench", *args, check=False)


@task("rewrite code into the project's format (ruff format and ruff --fix)")
def fmt(_args: list[str]) -> int:
    setup([])
    run(tool("ruff"), "check", "--fix", "scripts", "tests", check=False)
    return run(tool("ruff"), "format", "scripts", "tests", check=False)


@task("delete .venv, build output and caches")
def clean(_args: list[str]) -> int:
    for name in (".venv", "site", "build", ".cache", ".pytest_cache", ".ruff_cache", ".mypy_cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)
    return 0


@task("list the tasks")
def help(_args: list[str]) -> int:
    print(__doc__.strip().split("\n\n")[0])
    print("\ntasks:")
    for name, (_, text) in TASKS.items():
        print(f"  {name:10} {text}")
    return 0


def main(argv: list[str]) -> int:
    name = argv[0] if argv else "help"
    if name not in TASKS:
        print(f"unknown task '{name}'\n", file=sys.stderr)
        help([])
        return 2
    return TASKS[name][0](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
