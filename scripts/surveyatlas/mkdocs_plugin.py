"""The thin MkDocs adapter: everything MkDocs-specific lives here.

It runs the pure pipeline, adds the rendered pages as files, expands the navigation,
and during ``mkdocs serve`` keeps serving while content is broken: problems are logged
in the terminal and shown on every page, and broken files keep their last good version.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import pipeline, search
from .cleanpool import CleanPool
from .incremental import RenderCache, Stage
from .loader import Content, ContentCache
from .pages import NavItem
from .problems import format_problem
from .sanitize import clean_html

log = logging.getLogger("mkdocs.plugins.surveyatlas")
GENERATED_MARK = "surveyatlas"
PREVIEW_SCRIPT = "assets/surveyatlas-preview.js"
PREVIEW_STATUS = "_atlas/problems.json"


class AtlasConfig(base.Config):
    content = c.Type(str, default="content")
    templates = c.Type(str, default="templates")
    edit_uri = c.Optional(c.Type(str))  # e.g. "edit/main/", joined to repo_url
    sanitize = c.Type(bool, default=True)
    search_index = c.Type(bool, default=True)  # run Pagefind over the built site


class AtlasPlugin(BasePlugin[AtlasConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = ContentCache()
        self.serving = False
        self.dirty = False
        self.root = Path.cwd()
        self.content_dir = Path("content")
        self.templates_dir = Path("templates")
        self.sources: dict[str, str] = {}  # page src_uri -> content file, repo-relative
        self.content: Content | None = None
        self.indexer: subprocess.Popen[bytes] | None = None  # background Pagefind (serve)
        self.withdrawn: list[str] = []  # staged pages removed by the last `--dirty` rebuild
        # The preview re-renders only pages whose inputs changed, and stages only those.
        self.render_cache = RenderCache()
        self.repo_paths: dict[str, str] = {}  # content file as shown -> repo-relative path
        # `mkdocs build` sanitizes pages in a worker process (see cleanpool.py).
        self.clean_pool: CleanPool | None = None
        self.to_clean: dict[str, tuple[Page, str]] = {}
        self.stage: Stage | None = None

    # Defining on_startup keeps this instance alive across `mkdocs serve` rebuilds,
    # so the content cache and last good versions survive between saves.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        # The preview rebuilds a few pages per save: starting a worker would cost more.
        if command == "build" and self.clean_pool is None:
            self.clean_pool = CleanPool()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.content_dir = self.root / self.config.content
        self.templates_dir = self.root / self.config.templates
        if not config.use_directory_urls:
            raise PluginError("surveyatlas: the atlas needs 'use_directory_urls: true'")
        for watched in (self.content_dir, self.templates_dir):
            if str(watched) not in config.watch:
                config.watch.append(str(watched))
        if self.serving and PREVIEW_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(PREVIEW_SCRIPT)
        return config

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        use_native_watcher(server, self.content_dir)
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        result = pipeline.build(
            self._relative(self.content_dir),
            self.templates_dir,
            # The caches pay off across the preview's rebuilds; a one-off build would only
            # keep every model in memory until it ends.
            cache=self.cache if self.serving else None,
            fallback=self.serving,
            render_cache=self.render_cache if self.serving else None,
        )
        self.content = result.content if self.serving else None
        self._report(result.content)
        if result.site is None:
            count = len(result.content.errors)
            raise PluginError(
                f"surveyatlas: {count} content error{'s' * (count != 1)}; "
                "run `surveyatlas check` for the full list"
            )
        site = result.site
        pages: dict[str, str | bytes] = dict(site.pages)
        pages.update(site.files)
        if self.serving:
            # Problems reach the browser through a status file that a small script on
            # every page reads after each reload: with `--dirty`, pages whose content
            # did not change are not rebuilt, so they could not carry a banner.
            pages[PREVIEW_SCRIPT] = (
                resources.files("surveyatlas").joinpath("preview.js").read_text("utf-8")
            )
            pages[PREVIEW_STATUS] = preview_status(result.content)
        staged = self._stage(pages, site.changed) if self.dirty else None
        # Only surveys and top-level topics are in the navigation; every other generated
        # page is reached through links, which MkDocs must not report as an omission.
        in_nav = {"index.md", "timeline/index.md"} | configured_pages(config.nav)
        in_nav |= nav_paths(site.nav)
        for src_uri, data in pages.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                log.warning(
                    f"surveyatlas: generated page {src_uri} replaces {existing.src_uri} in docs"
                )
                files.remove(existing)
            inclusion = InclusionLevel.UNDEFINED if src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            if staged is not None:
                file = File.generated(
                    config, src_uri, abs_src_path=str(staged / src_uri), inclusion=inclusion
                )
            else:
                file = File.generated(config, src_uri, content=data, inclusion=inclusion)
            files.append(file)
        self.sources = {uri: self._repo_path(src) for uri, src in site.sources.items()}
        config.nav = expand_nav(config.nav, site.nav, files)
        return files

    def on_page_context(  # type: ignore[override]
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        source = self.sources.get(page.file.src_uri)
        if page.file.generated_by is not None and GENERATED_MARK in page.file.generated_by:
            page.edit_url = None
            if source and config.repo_url and self.config.edit_uri is not None:
                page.edit_url = (
                    config.repo_url.rstrip("/")
                    + "/"
                    + self.config.edit_uri.strip("/")
                    + "/"
                    + source
                )
        return context

    def on_page_content(
        self, html_text: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generated = page.file.generated_by is not None and GENERATED_MARK in page.file.generated_by
        if generated and self.config.sanitize:
            if self.clean_pool is None:
                return clean_html(html_text)
            # Cleaned in a worker while MkDocs converts the other pages; on_env puts the
            # result in place before any page is rendered through the theme.
            self.clean_pool.submit(page.file.src_uri, html_text)
            self.to_clean[page.file.src_uri] = (page, html_text)
            self._apply_cleaned(self.clean_pool.ready())
        return html_text

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._finish_cleaning()
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Pagefind indexes the HTML MkDocs just wrote. `mkdocs build` waits for it; the
        # live preview must stay fast, so there it runs in the background (a newer build
        # replaces a run still going) and search may lag a save by a second or two.
        site_dir = Path(config.site_dir)
        if self.withdrawn:
            remove_outputs(site_dir, self.withdrawn)
            self.withdrawn = []
        if not self.config.search_index:
            return
        if not self.serving:
            try:
                search.run_pagefind(site_dir)
            except search.SearchIndexError as exc:
                raise PluginError(f"surveyatlas: {exc}") from None
            return
        self._stop_indexer()
        self.indexer = search.start_pagefind(site_dir)

    def on_shutdown(self) -> None:
        self._stop_indexer()
        if self.clean_pool is not None:
            self.clean_pool.close()
            self.clean_pool = None

    # ------------------------------------------------------------------ helpers

    def _finish_cleaning(self) -> None:
        if self.clean_pool is None:
            return
        self._apply_cleaned(self.clean_pool.results())
        for page, _ in self.to_clean.values():  # lost by the worker
            page.content = clean_html(page.content or "")
        self.to_clean = {}

    def _apply_cleaned(self, cleaned: dict[str, str]) -> None:
        # Put results in place as they arrive, so a page's unclean HTML is not kept
        # alongside its clean version until the end.
        for src_uri, result in cleaned.items():
            if src_uri not in self.to_clean:
                continue
            page, submitted = self.to_clean.pop(src_uri)
            # Another plugin may have changed the HTML since it was sent: clean what is there.
            page.content = result if page.content is submitted else clean_html(page.content or "")

    def _stop_indexer(self) -> None:
        if self.indexer is not None and self.indexer.poll() is None:
            self.indexer.terminate()
            self.indexer.wait(timeout=10)
        self.indexer = None

    def _relative(self, path: Path) -> Path:
        """Paths in messages read best relative to where the command was run."""
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path

    def _repo_path(self, display: str) -> str:
        # Resolving touches the disk; the preview asks again for every page on every save.
        known = self.repo_paths.get(display)
        if known is None:
            known = self.repo_paths[display] = self._resolve_repo_path(display)
        return known

    def _resolve_repo_path(self, display: str) -> str:
        path = Path(display).resolve()
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def _stage(self, pages: dict[str, str | bytes], changed: set[str] | None) -> Path:
        # For `serve --dirty`: pages backed by real files, rewritten only when changed,
        # so MkDocs rebuilds only the pages an edit affected. Outside docs_dir, so the
        # watcher never sees these writes.
        staging = self.root / ".cache" / "surveyatlas" / "preview"
        if self.stage is None or self.stage.root != staging:
            self.stage = Stage(staging)
        # A dirty build never cleans the site folder, so the outputs of pages that are
        # gone (a deleted or renamed paper) are removed after the build.
        self.withdrawn += self.stage.write(pages, changed).removed
        return staging

    def _report(self, content: Content) -> None:
        # Content warnings (a missing summary, an empty topic) are editorial: they are
        # shown here but do not fail `mkdocs build --strict`; `surveyatlas check --strict`
        # is the gate for them.
        for problem in content.problems:
            text = format_problem(problem)
            (log.error if problem.is_error else log.info)(text)
        if content.stale:
            log.warning(
                "surveyatlas: showing the last good version of "
                + ", ".join(content.stale)
                + " until the problems above are fixed"
            )


def remove_outputs(site_dir: Path, src_uris: list[str]) -> None:
    """Delete what the given (no longer generated) sources were built into."""
    for src_uri in src_uris:
        dest = File(src_uri, src_dir=None, dest_dir=str(site_dir), use_directory_urls=True)
        target = Path(dest.abs_dest_path)
        if target.is_file() and target.resolve().is_relative_to(site_dir.resolve()):
            target.unlink()
            with contextlib.suppress(OSError):  # leave folders that still hold files
                target.parent.rmdir()


def use_native_watcher(server: Any, probe_dir: Path) -> None:
    """Let the preview hear about saves from the operating system instead of polling.

    MkDocs rescans every watched folder twice a second; with 50,000 content files one scan
    takes about 0.4 s of Python, which keeps a core busy and slows every rebuild. The
    system's file notifications (inotify, FSEvents, ...) cost nothing while idle. Only
    changes count: MkDocs rebuilds on any event, and reading a template during a build
    must not start another. If notifications do not work here, polling stays.
    """
    from watchdog import events
    from watchdog.observers import Observer

    changes = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
    ]

    class ChangesOnly(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, handler: Any, path: Any, **options: Any) -> Any:
            options["event_filter"] = changes
            return super().schedule(handler, path, **options)

    watched = getattr(server, "_watched_paths", None)
    observer = getattr(server, "observer", None)
    if not isinstance(watched, dict) or observer is None or observer.is_alive():
        return  # not the LiveReloadServer this was written for, or already watching
    probe = ChangesOnly()
    try:
        probe.schedule(events.FileSystemEventHandler(), str(probe_dir), recursive=True)
        probe.start()
    except Exception as exc:  # any failure means: keep polling
        log.debug(f"surveyatlas: file notifications unavailable ({exc}); polling")
        return
    finally:
        with contextlib.suppress(Exception):
            probe.stop()
    paths = dict(watched)
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = ChangesOnly()
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)


def preview_status(content: Content) -> str:
    return json.dumps(
        {"errors": [format_problem(p) for p in content.errors], "stale": content.stale},
        ensure_ascii=False,
    )


def nav_entries(item: NavItem) -> Any:
    """Our navigation tree in MkDocs' format. Titles are HTML-escaped because the
    theme prints navigation titles without escaping them."""
    title = html.escape(item.title, quote=True)
    if not item.children:
        return {title: f"{item.url}index.md"}
    children: list[Any] = [f"{item.url}index.md"] if item.url else []
    children += [nav_entries(child) for child in item.children]
    return {title: children}


def configured_pages(nav: Any) -> set[str]:
    """Every page path named in the ``nav`` of ``mkdocs.yml``."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(configured_pages(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(configured_pages(v) for v in nav))
    return set()


def nav_paths(item: NavItem) -> set[str]:
    paths = {f"{item.url}index.md"} if item.url is not None else set()
    for child in item.children:
        paths |= nav_paths(child)
    return paths


def expand_nav(nav: list[Any] | None, surveys: NavItem, files: Files) -> list[Any]:
    """Put the survey section where ``mkdocs.yml`` names ``surveys/index.md``, or build a
    default navigation when none is configured."""
    section = nav_entries(surveys)
    if nav is None:
        handwritten = [
            f.src_uri
            for f in files.documentation_pages()
            if f.generated_by is None and f.src_uri != "index.md"
        ]
        return [
            {"Home": "index.md"},
            section,
            {"Timeline": "timeline/index.md"},
            *sorted(handwritten),
        ]
    expanded = []
    for entry in nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        expanded.append(section if target == "surveys/index.md" else entry)
    return expanded
