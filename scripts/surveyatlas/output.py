"""Writing files safely: atomically, only when changed, and never losing what a user wrote.

An interrupted write leaves either the old file or the new one, never half of each:
data goes to a temporary file in the same folder, is flushed to disk, and replaces
the target in one rename.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".surveyatlas-manifest.json"


class WriteError(OSError):
    """A file could not be written; the message says which and why, in one line."""


def atomic_write(path: Path, data: str | bytes, *, expect: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` in one step.

    With ``expect``, refuse (``FileExistsError``) if the file no longer holds those
    bytes: someone changed it since we read it, and their edit must not be lost.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    if expect is not None:
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != expect:
            raise FileExistsError(errno.EEXIST, "changed on disk since it was read", str(path))
    mode = _mode_of(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_of(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write only when the content differs, so watchers and ``--dirty`` builds see no change."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except (FileNotFoundError, NotADirectoryError):
        pass
    atomic_write(path, payload)
    return True


@dataclass
class TreeWrite:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def write_tree(out_dir: Path, files: Mapping[str, str | bytes]) -> TreeWrite:
    """Write generated files under ``out_dir``, rewriting only changed ones and removing
    files this tool wrote before but no longer generates (files it did not write stay)."""
    result = TreeWrite()
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    previous = _read_manifest(manifest_path)
    for rel, data in sorted(files.items()):
        target = _inside(out_dir, rel)
        if write_if_changed(target, data):
            result.written.append(rel)
        else:
            result.unchanged += 1
    for rel in sorted(previous - set(files)):
        target = _inside(out_dir, rel)
        if target.is_file():
            target.unlink()
            result.removed.append(rel)
            _prune_empty_dirs(target.parent, out_dir)
    write_if_changed(manifest_path, json.dumps(sorted(files), indent=0) + "\n")
    return result


def _inside(root: Path, rel: str) -> Path:
    target = (root / rel).resolve()
    if not target.is_relative_to(root.resolve()):
        raise WriteError(f"refusing to write outside {root}: {rel}")
    return root / rel


def _read_manifest(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return set()
    return {item for item in data if isinstance(item, str)} if isinstance(data, list) else set()


def _prune_empty_dirs(directory: Path, root: Path) -> None:
    while directory != root and directory.is_relative_to(root):
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent
