"""The whole benchmark: for each size, generate an atlas and measure everything about it."""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from importlib import metadata
from pathlib import Path
from typing import Any

from .measure import BenchError, Run, core_stages, mkdocs_build, run_measured, site_stats
from .preview import preview_latency
from .project import Project, make_plain_project, make_project
from .search import DEFAULT_QUERY, search_cost

STEPS = ("core", "build", "plain", "search", "preview")


def run_benchmark(
    sizes: list[int],
    *,
    source: Path,
    seed: int = 0,
    steps: tuple[str, ...] = STEPS,
    query: str = DEFAULT_QUERY,
    edits: int = 3,
    work_dir: Path | None = None,
    keep: bool = False,
    say: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Measure each size in turn; the results as one JSON-ready dictionary."""
    results = []
    base = Path(tempfile.mkdtemp(prefix="surveyatlas-bench-", dir=work_dir))
    try:
        for papers in sizes:
            target = base / f"{papers}"
            say(f"{papers:,} papers: generating the atlas in {target}")
            project = make_project(target / "project", papers, source=source, seed=seed)
            results.append(measure_size(project, target, steps, query, edits, say))
            if not keep:
                shutil.rmtree(target, ignore_errors=True)
    finally:
        if keep:
            say(f"kept the projects and sites in {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        "seed": seed,
        "query": query,
        "results": results,
    }


def measure_size(
    project: Project,
    target: Path,
    steps: tuple[str, ...],
    query: str,
    edits: int,
    say: Callable[[str], None],
) -> dict[str, Any]:
    generated = project.atlas
    result: dict[str, Any] = {
        "papers": generated.papers,
        "surveys": generated.surveys,
        "topics": generated.topics,
        "cross_listed": generated.cross_listed,
    }
    content, templates = project.root / "content", project.root / "templates"
    if "core" in steps:
        say("  core: load, validate, index, render")
        result["core"] = core_stages(
            content, templates, repeat=3 if generated.papers <= 10_000 else 1
        )
    site = target / "site"
    if "build" in steps:
        say("  full build (mkdocs build with the atlas plugin, Pagefind included)")
        run = mkdocs_build(project.config, site, what="the full build")
        result["full_build"] = _build_result(run)
        result["site"] = asdict(site_stats(site))
        result["search_index"] = _search_index(site)
        if "search" in steps:
            say(f"  search: one query ({query!r}) in Chromium")
            cost = search_cost(site, query)
            result["search"] = asdict(cost) if not isinstance(cost, str) else {"error": cost}
    if "plain" in steps:
        say("  plain build (the same pages pre-rendered, MkDocs without the plugin)")
        plain_config = make_plain_project(project, target / "plain")
        run = mkdocs_build(plain_config, target / "plain-site", what="the plain build")
        result["plain_build"] = _build_result(run)
        shutil.rmtree(target / "plain-site", ignore_errors=True)
        if "full_build" in result:
            result["ratio"] = result["full_build"]["seconds"] / run.seconds
    if "preview" in steps:
        say(f"  preview: {edits} saves of one paper, each until its page is served")
        paper = generated.paper_ids[len(generated.paper_ids) // 2]
        latency = preview_latency(project.root, paper, edits=edits)
        result["preview"] = {
            "startup": latency.startup,
            "saves": latency.saves,
            "median": latency.median,
        }
    return result


def _build_result(run: Run) -> dict[str, float | None]:
    return {
        "seconds": run.seconds,
        "peak_mb": run.peak_mb,  # MkDocs or Pagefind, whichever needed more
        "mkdocs_peak_mb": run.own_peak_mb,
        "cpu": run.cpu_seconds,
    }


def _search_index(site: Path) -> dict[str, float] | None:
    """Pagefind run again on its own, to show its share of the build's time and memory."""
    if not (site / "pagefind").is_dir():
        return None
    argv = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    try:
        run = run_measured(argv, site.parent, what="Pagefind")
    except BenchError as exc:
        return {"error": str(exc)}  # type: ignore[dict-item]
    return {"seconds": run.seconds, "peak_mb": run.peak_mb}


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = round(pages / 2**30, 1)
    except (ValueError, OSError):
        pass
    return {
        "system": f"{platform.system()} {platform.release()}",
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory,
        "python": platform.python_version(),
    }


def versions() -> dict[str, str]:
    found = {}
    for name in ("surveyatlas", "mkdocs", "mkdocs-material", "pagefind", "pyyaml", "jinja2"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found
