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
from .pages import NavItem, Page, site_pages, survey_nav


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


def render_site(
    atlas: Atlas, templates_dir: Path, cache: RenderCache | None = None
) -> RenderedSite:
    """Every page and output. With a ``cache`` (the live preview), pages whose inputs did
    not change since the last call reuse their text, and ``changed`` lists the others."""
    if cache is None:
        env = make_environment(templates_dir)
    else:
        env = cache.environment(templates_dir, make_environment)
        cache.start()
    pages, sources = render_pages(env, site_pages(atlas), cache)
    if cache is not None:
        cache.keep_only(set(pages))
    files = {"feed.xml": atom_feed(atlas)}
    files.update(site_downloads(atlas))  # papers.json, papers.bib, papers.csv, per-survey .bib
    changed = set(cache.changed) if cache is not None else None
    return RenderedSite(pages, sources, survey_nav(atlas), files=files, changed=changed)
