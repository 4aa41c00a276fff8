"""Writing files: atomic, only when changed, never clobbering a concurrent edit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from surveyatlas.output import atomic_write, write_if_changed, write_tree


def test_atomic_write_replaces_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("old\n")
    os.chmod(path, 0o640)
    atomic_write(path, "new\n")
    assert path.read_text() == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.yml"]


def test_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yml"
    path.write_text("old\n")

    def boom(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yml"]


def test_expect_refuses_a_file_changed_since_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("mine\n")
    with pytest.raises(FileExistsError):
        atomic_write(path, "ours\n", expect=b"what we read\n")
    assert path.read_text() == "mine\n"


def test_write_if_changed(tmp_path: Path) -> None:
    path = tmp_path / "x" / "a.md"
    assert write_if_changed(path, "a") is True
    mtime = path.stat().st_mtime_ns
    assert write_if_changed(path, "a") is False
    assert path.stat().st_mtime_ns == mtime


def test_write_tree_refuses_escaping_paths(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_tree(tmp_path / "out", {"../evil.md": "x"})
    assert not (tmp_path / "evil.md").exists()
