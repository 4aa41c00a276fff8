"""Helpers for tests that build or serve a real site from a content folder."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def make_project(target: Path, content: Path) -> Path:
    """A minimal atlas project: the repository's config, templates and pages, and ``content``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "site_src"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(content, target / "content")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        timeout=600,
    )


def built_site(target: Path, content: Path) -> Path:
    """The site folder of a project over ``content``, built with ``--strict``; a failed
    build fails the test with the end of MkDocs' output."""
    project = make_project(target, content)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
