"""Rendering: pages to Markdown strings through the Jinja templates. Pure: no I/O but
reading templates.

The environment autoescapes (every value is HTML-escaped unless a filter says it is
already safe), and is strict: an undefined name in a template is an error, not "".
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import Markup

from .atlas import Atlas
from .exporters import site_downloads
from .feeds import atom_feed
from .incremental import RenderCache
from .markup import md_inline, paragraphs
from .pages import NavItem, Page, PageJob, page_jobs, site_pages, survey_nav
from .twocores import run_split

# Below this many page jobs a second process costs more than it saves.
TWO_CORES_MIN_JOBS = 1000
CHILD_SLOTS = {1, 2, 4}  # of every five page jobs, those the second process renders


@dataclass
class RenderedSite:
    pages: dict[str, str]  # docs-relative path -> Markdown
    sources: dict[str, str]  # docs-relative path -> content file behind it
    nav: NavItem
    files: dict[str, bytes] = field(default_factory=dict)  # other outputs (feeds, data)
    # Pages rendered anew (not reused from a RenderCache); None when every page was.
    changed: set[str] | None = None


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["md"] = md_inline
    env.filters["meta"] = meta_string
    env.filters["paragraphs"] = paragraphs
    env.filters["plural"] = plural
    return env


def meta_string(text: str) -> Markup:
    """A front-matter value: HTML-escaped (the theme prints page titles unescaped),
    then quoted as a JSON string, which YAML reads back exactly."""
    return Markup(json.dumps(html.escape(" ".join(str(text).split()), quote=True)))


def plural(count: int, singular: str, many: str | None = None) -> str:
    word = singular if count == 1 else (many or singular + "s")
    return f"{count:,} {word}"


def render_page(env: jinja2.Environment, page: Page) -> str:
    template = env.get_template(page.template)
    return template.render(page=page, view=page.view, base=page.base)


def render_pages(
    env: jinja2.Environment, pages: Iterable[Page], cache: RenderCache | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    out: dict[str, str] = {}
    sources: dict[str, str] = {}
    for page in pages:
        if cache is None:
            out[page.path] = render_page(env, page)
        else:
            out[page.path], _ = cache.render(page.path, page, partial(render_page, env, page))
        if page.source:
            sources[page.path] = page.source
    return out, sources


def render_job(env: jinja2.Environment, job: PageJob) -> list[tuple[str, str, str | None]]:
    """(path, Markdown, source file) of each page a job makes."""
    return [(page.path, render_page(env, page), page.source) for page in job()]


def render_site(
    atlas: Atlas,
    templates_dir: Path,
    cache: RenderCache | None = None,
    *,
    two_cores: bool | None = None,
) -> RenderedSite:
    """Every page and output. With a ``cache`` (the live preview), pages whose inputs did
    not change since the last call reuse their text, and ``changed`` lists the others.
    Without one, a big site is rendered on two cores (``two_cores`` forces the choice)."""
    if cache is not None:
        return _render_changed(atlas, templates_dir, cache)
    jobs = page_jobs(atlas)
    if two_cores is None:
        two_cores = len(jobs) >= TWO_CORES_MIN_JOBS
    return _render_all(atlas, templates_dir, jobs, two_cores=two_cores)


def _render_changed(atlas: Atlas, templates_dir: Path, cache: RenderCache) -> RenderedSite:
    env = cache.environment(templates_dir, make_environment)
    cache.start()
    pages, sources = render_pages(env, site_pages(atlas), cache)
    cache.keep_only(set(pages))
    files = {"feed.xml": atom_feed(atlas)}
    files.update(site_downloads(atlas))  # papers.json, papers.bib, papers.csv, per-survey .bib
    return RenderedSite(pages, sources, survey_nav(atlas), files, set(cache.changed))


def _render_all(
    atlas: Atlas, templates_dir: Path, jobs: list[PageJob], *, two_cores: bool
) -> RenderedSite:
    env = make_environment(templates_dir)
    # This process also writes the downloads (papers.json, .bib, .csv: about a fifth of
    # the render's time), so the child takes three jobs in five. Spreading jobs evenly
    # gives each process its share of every kind of page.
    theirs = {i for i in range(len(jobs)) if two_cores and i % 5 in CHILD_SLOTS}
    mine = [i for i in range(len(jobs)) if i not in theirs]
    order = sorted(theirs)
    here, there = run_split(
        [partial(site_downloads, atlas), *(partial(render_job, env, jobs[i]) for i in mine)],
        [partial(atom_feed, atlas), *(partial(render_job, env, jobs[i]) for i in order)],
        fork=two_cores,
    )
    downloads, feed = here.pop(0), there.pop(0)
    by_job = dict(zip(mine, here, strict=True)) | dict(zip(order, there, strict=True))
    pages: dict[str, str] = {}
    sources: dict[str, str] = {}
    for index in range(len(jobs)):
        for path, text, source in by_job[index]:
            pages[path] = text
            if source:
                sources[path] = source
    return RenderedSite(pages, sources, survey_nav(atlas), {"feed.xml": feed, **downloads})
