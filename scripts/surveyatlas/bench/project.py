"""Benchmark projects: a copy of the site's configuration around a synthetic content folder,
and the "plain" twin that MkDocs builds from pre-rendered pages without the atlas plugin.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.structure.files import File, Files

from .. import pipeline
from ..errors import UsageError
from ..mkdocs_plugin import expand_nav
from .generate import GeneratedAtlas, generate_atlas

PLUGIN = "surveyatlas"
PROJECT_PARTS = ("mkdocs.yml", "templates", "site_src")


@dataclass(frozen=True)
class Project:
    root: Path
    atlas: GeneratedAtlas

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


def check_source(source: Path) -> None:
    missing = [part for part in PROJECT_PARTS if not (source / part).exists()]
    if missing:
        raise UsageError(
            f"{source} is not an atlas checkout (no {', '.join(missing)}): "
            "run from the repository root or pass --project DIR"
        )


def make_project(target: Path, papers: int, *, source: Path, seed: int = 0) -> Project:
    """The site at ``source`` (config, templates, hand-written pages) with generated content."""
    check_source(source)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("templates", "site_src"):
        shutil.copytree(source / name, target / name)
    generated = generate_atlas(target / "content", papers, seed=seed)
    return Project(target, generated)


def read_config(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: the benchmark reads plain YAML only ({exc})") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping")
    return data


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
        if entry == PLUGIN:
            return {}
    raise UsageError(f"mkdocs.yml does not use the '{PLUGIN}' plugin")


def make_plain_project(project: Project, target: Path) -> Path:
    """Render the atlas's pages into a docs folder beside the hand-written pages, and write
    a config without the atlas plugin (and nothing else changed), so MkDocs alone builds
    the very pages the plugin would add. Returns the config's path."""
    config = read_config(project.config)
    options = plugin_options(config)
    content = project.root / options.get("content", "content")
    templates = project.root / options.get("templates", "templates")
    result = pipeline.build(content, templates)
    if result.site is None:
        raise UsageError(f"the generated content has {len(result.content.errors)} errors")
    docs = target / "docs"
    shutil.copytree(project.root / config.get("docs_dir", "docs"), docs)
    handwritten = _doc_files(docs)  # before the generated pages join them
    outputs: dict[str, str | bytes] = dict(result.site.pages)
    outputs.update(result.site.files)
    for rel, data in outputs.items():  # what `surveyatlas render` writes, minus its bookkeeping
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(project.root / theme["custom_dir"], target / theme["custom_dir"])
    config["docs_dir"] = "docs"
    # An empty list, not a missing key: MkDocs would otherwise add its own search plugin.
    config["plugins"] = [
        entry
        for entry in config.get("plugins") or []
        if entry != PLUGIN and not (isinstance(entry, dict) and PLUGIN in entry)
    ]
    config["nav"] = expand_nav(config.get("nav"), result.site.nav, handwritten)
    # The plugin keeps the pages it leaves out of the navigation out of MkDocs' "not in
    # the nav" report; without it, that report is one (long) line at info level.
    validation = config.setdefault("validation", {})
    validation.setdefault("nav", {})["omitted_files"] = "info"
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _doc_files(docs: Path) -> Files:
    """The Markdown pages in ``docs``, for the default navigation when mkdocs.yml has none."""
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    return Files([File(rel, str(docs), str(docs.parent / "site"), True) for rel in pages])
