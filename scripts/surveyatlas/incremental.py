"""Incremental rebuilds for the live preview: re-render only pages whose inputs changed,
and rewrite only the staged files of those pages.

A page's inputs are its :class:`~surveyatlas.page.Page` (URL, template, title, view,
source) and the templates. :class:`RenderCache` keys each rendered page on a digest of
the pickled ``Page`` and on a stamp of every template file, so an edit that changes what
a page shows re-renders it, and anything else reuses the text from the build before.
Views are plain data, so equal views pickle to equal bytes; if a view ever fails to
pickle, that page is simply rendered every time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .output import MANIFEST, TreeWrite, WriteError, write_if_changed, write_tree
from .views import PaperCard

Environment = Any  # jinja2.Environment; kept loose so this module needs no Jinja import


def template_stamp(templates_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Every template file with its size and modification time: changes when any does."""
    stamp = []
    for root, dirs, names in os.walk(templates_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            info = path.stat()
            stamp.append(
                (path.relative_to(templates_dir).as_posix(), info.st_size, info.st_mtime_ns)
            )
    return tuple(stamp)


def page_key(page: object, digests: Digests | None = None) -> bytes | None:
    """A digest of everything a page is rendered from, or None if it cannot be taken."""
    buffer = io.BytesIO()
    try:
        _KeyPickler(buffer, digests if digests is not None else Digests()).dump(page)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return _digest(buffer.getbuffer())


def _digest(data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class Digests:
    """Digests of objects many pages share, each taken once.

    Content models are immutable and the content cache hands back the same object while
    its file is unchanged, so their digests are kept by identity across builds (with the
    object, so its id cannot be reused). Paper cards are rebuilt by every build, so theirs
    last one build.
    """

    def __init__(self) -> None:
        self.models: dict[int, tuple[object, bytes]] = {}
        self.cards: dict[int, tuple[object, bytes]] = {}
        self.seen: set[int] = set()

    def of(self, obj: object) -> bytes:
        table = self.cards if isinstance(obj, PaperCard) else self.models
        entry = table.get(id(obj))
        if entry is None:
            entry = table[id(obj)] = (obj, _digest(pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)))
        if table is self.models:
            self.seen.add(id(obj))
        return entry[1]

    def next_build(self) -> None:
        self.cards.clear()
        self.models = {key: value for key, value in self.models.items() if key in self.seen}
        self.seen = set()


class _KeyPickler(pickle.Pickler):
    """Pickles a page, writing shared objects as their digests."""

    def __init__(self, buffer: io.BytesIO, digests: Digests) -> None:
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.digests = digests

    def reducer_override(self, obj: object) -> Any:
        if isinstance(obj, (PaperCard, BaseModel)):
            return (bytes, (self.digests.of(obj),))
        return NotImplemented


class RenderCache:
    """Rendered pages kept between the builds of one preview session."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[bytes, str]] = {}  # page path -> (key, text)
        self._digests = Digests()
        self._env: Environment | None = None
        self._stamp: tuple[tuple[str, int, int], ...] | None = None
        self.changed: set[str] = set()  # pages rendered by this build (the rest were reused)

    def environment(self, templates_dir: Path, make: Callable[[Path], Environment]) -> Environment:
        """The Jinja environment, made again (and every page forgotten) when a template
        changed."""
        stamp = template_stamp(templates_dir)
        if self._env is None or stamp != self._stamp:
            self._env = make(templates_dir)
            self._stamp = stamp
            self._pages.clear()
        return self._env

    def render(self, path: str, page: object, render: Callable[[], str]) -> tuple[str, bool]:
        """The page's text, and whether it had to be rendered (rather than reused)."""
        key = page_key(page, self._digests)
        if key is not None:
            cached = self._pages.get(path)
            if cached is not None and cached[0] == key:
                return cached[1], False
        text = render()
        if key is not None:
            self._pages[path] = (key, text)
        self.changed.add(path)
        return text, True

    def start(self) -> None:
        self.changed = set()
        self._digests.next_build()

    def keep_only(self, paths: set[str]) -> None:
        """Forget pages the site no longer has."""
        for path in list(self._pages):
            if path not in paths:
                del self._pages[path]


class Stage:
    """Generated files written to a folder for ``mkdocs serve --dirty``.

    The first build compares every file with what is on disk (:func:`write_tree`); later
    builds write only the pages the render cache re-rendered (plus the few other outputs)
    and delete files the site no longer has, so an edit costs a handful of writes.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._written: set[str] | None = None

    def write(self, files: Mapping[str, str | bytes], changed: set[str] | None) -> TreeWrite:
        """Bring the folder up to date. ``changed`` names the pages rendered anew since the
        last call (None: unknown, compare everything); other ``.md`` pages are unchanged."""
        if self._written is None or changed is None:
            result = write_tree(self.root, files)
            self._written = set(files)
            return result
        result = TreeWrite()
        for rel, data in files.items():
            if rel.endswith(".md") and rel not in changed:
                continue
            if write_if_changed(self.root / _checked(rel), data):
                result.written.append(rel)
        for rel in sorted(self._written - set(files)):
            path = self.root / _checked(rel)
            if path.is_file():
                path.unlink()
                result.removed.append(rel)
        if set(files) != self._written:  # the same record write_tree keeps
            write_if_changed(self.root / MANIFEST, json.dumps(sorted(files), indent=0) + "\n")
            self._written = set(files)
        return result


def _checked(rel: str) -> str:
    parts = rel.split("/")
    if rel.startswith("/") or ".." in parts or "" in parts:
        raise WriteError(f"refusing to write outside the staging folder: {rel}")
    return rel
