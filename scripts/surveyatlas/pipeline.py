"""The whole pipeline in one call: load, validate, index, render.

Used by the CLI (``check``, ``render``), the MkDocs adapter and the benchmark, so all
three build exactly the same pages.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from .atlas import Atlas, build_index
from .incremental import RenderCache
from .loader import Content, ContentCache, load_content
from .render import RenderedSite, render_site


@dataclass
class BuildResult:
    content: Content
    atlas: Atlas | None = None
    site: RenderedSite | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.site is not None


def load(
    content_dir: Path,
    *,
    today: dt.date | None = None,
    cache: ContentCache | None = None,
    fallback: bool = False,
) -> Content:
    return load_content(content_dir, today=today, cache=cache, fallback=fallback)


def build(
    content_dir: Path,
    templates_dir: Path,
    *,
    today: dt.date | None = None,
    cache: ContentCache | None = None,
    fallback: bool = False,
    render_cache: RenderCache | None = None,
) -> BuildResult:
    """Load and render. Without ``fallback``, any error means nothing is rendered.
    The caches (for the live preview) skip files and pages that did not change."""
    started = time.perf_counter()
    content = load(content_dir, today=today, cache=cache, fallback=fallback)
    result = BuildResult(content)
    result.timings["load"] = time.perf_counter() - started  # read + validate
    result.timings.update(content.timings)
    if content.errors and not fallback:
        return result
    started = time.perf_counter()
    result.atlas = build_index(content.surveys, content.papers, content.files)
    result.timings["index"] = time.perf_counter() - started
    started = time.perf_counter()
    result.site = render_site(result.atlas, templates_dir, render_cache)
    result.timings["render"] = time.perf_counter() - started
    return result
