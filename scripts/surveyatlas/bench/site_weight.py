"""How heavy the built site is for a reader: bytes per search query and the largest page.

    python -m surveyatlas.bench.site_weight --papers 10000 [--work DIR] [--compare-material]

Generates a synthetic atlas (``generate_atlas``), builds it with the repository's
``mkdocs.yml``, templates and pages (``mkdocs build --strict``, which also runs Pagefind),
then:

* finds the largest HTML page of the site;
* serves the site on 127.0.0.1 and, in Debian's Chromium (Playwright), opens the search
  page for a few queries (a title word, an author's surname, an arXiv id) and the
  explore page with filters and a sort, each in a fresh browser context (a cold cache),
  and adds up the bytes of every response from the moment the query is typed: the search
  bytes. The page's own HTML, CSS and script are reported apart;
* with ``--compare-material``, builds the same site with mkdocs-material's own search
  plugin instead and reports the size of its ``search_index.json``, which every reader
  downloads before the first result.

It prints a table and writes ``site-weight.json`` into the work folder. It measures; it
asserts nothing (limits live in the issue: 300 KB per query, 1 MB per page).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from .generate import generate_atlas

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
# True once the status line has its verdict and the first page of results is drawn.
RESULTS_SHOWN = """() => {
  const s = document.querySelector('.sa-search__status');
  const text = s ? s.textContent : '';
  if (!text || text === 'Looking…') return false;
  if (text.startsWith('No paper')) return true;
  const n = parseInt(text.replace(/,/g, ''), 10);
  return document.querySelectorAll('.sa-result').length === Math.min(20, n);
}"""
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def make_project(work: Path, papers: int, keep_content: bool = False) -> Path:
    """The repository's site files around a generated content folder; with
    ``keep_content``, a content folder left by an earlier run is used again."""
    project = work / "project"
    content = project / "content"
    reuse = keep_content and content.is_dir()
    for name in ("templates", "site_src", "site", "site-material", "content"):
        if (project / name).exists() and not (reuse and name == "content"):
            shutil.rmtree(project / name)
    project.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "site_src"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if not reuse:
        generate_atlas(content, papers)
    return project


def build(project: Path, config: str, site: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", site],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    if done.returncode:
        sys.exit(f"mkdocs build failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def largest_pages(site: Path, count: int = 5) -> list[tuple[str, int]]:
    sizes = [(str(p.relative_to(site)), p.stat().st_size) for p in site.rglob("*.html")]
    return sorted(sizes, key=lambda item: -item[1])[:count]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def sample_queries(content: Path) -> dict[str, str]:
    """A title word, an author's surname and an arXiv id of real generated papers."""
    import yaml

    papers = sorted((content / "papers").glob("*.yml"))
    middle = yaml.safe_load(papers[len(papers) // 2].read_text(encoding="utf-8"))
    other = yaml.safe_load(papers[len(papers) // 3].read_text(encoding="utf-8"))
    with_arxiv = next(
        data
        for path in papers[len(papers) // 4 :]
        if (data := yaml.safe_load(path.read_text(encoding="utf-8"))).get("arxiv")
    )
    word = max(middle["title"].replace(":", " ").split(), key=len)
    return {
        "title word": word,
        "author surname": other["authors"][0].split()[-1],
        "arXiv id": str(with_arxiv["arxiv"]),
    }


def measure_visit(browser: Any, base: str, path: str, action: Any) -> dict[str, int]:
    """Bytes of the page itself, then bytes fetched while ``action`` runs the query."""
    context = browser.new_context()
    page = context.new_page()
    phase = {"name": "page"}
    totals = {"page": 0, "query": 0, "requests": 0}

    def count(response: Any) -> None:
        try:
            size = len(response.body())
        except Exception:  # a redirect or an aborted response has no body
            size = 0
        totals[phase["name"]] += size
        if phase["name"] == "query":
            totals["requests"] += 1

    page.on("response", count)
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    phase["name"] = "query"
    action(page)
    page.wait_for_function(RESULTS_SHOWN)
    page.wait_for_timeout(500)  # any request still in flight is counted too
    totals["results"] = page.locator(".sa-result").count()
    context.close()
    return totals


def measure_search(site: Path, queries: dict[str, str]) -> dict[str, dict[str, int]]:
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    out: dict[str, dict[str, int]] = {}
    try:
        with sync_playwright() as api:
            browser = api.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for label, query in queries.items():

                def type_query(page: Any, query: str = query) -> None:
                    page.fill("#sa-q", query)
                    page.keyboard.press("Enter")

                out[f"search: {label} ({query})"] = measure_visit(
                    browser, base, "search/", type_query
                )

            def filter_explore(page: Any) -> None:
                page.select_option(
                    "#sa-f-from", index=len(page.locator("#sa-f-from option").all()) - 3
                )
                page.select_option("#sa-f-code", "yes")
                page.select_option("#sa-f-sort", "title-asc")

            out["explore: years, has code, by title"] = measure_visit(
                browser, base, "explore/?survey=" + first_survey(site), filter_explore
            )
            browser.close()
    finally:
        httpd.shutdown()
    return out


def first_survey(site: Path) -> str:
    return sorted(p.name for p in (site / "surveys").iterdir() if p.is_dir())[0]


def material_index_size(project: Path) -> tuple[int, float]:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins:\n", "plugins:\n  - search\n", 1)
    config = config.replace(
        "      content: content\n", "      content: content\n      search_index: false\n", 1
    )
    (project / "mkdocs-material-search.yml").write_text(config, encoding="utf-8")
    seconds = build(project, "mkdocs-material-search.yml", "site-material")
    return (project / "site-material" / "search" / "search_index.json").stat().st_size, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=None, help="folder to build in (kept)")
    parser.add_argument("--compare-material", action="store_true")
    parser.add_argument(
        "--keep-content", action="store_true", help="reuse the content an earlier run generated"
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="site-weight-"))
    project = make_project(work, args.papers, args.keep_content)
    seconds = build(project, "mkdocs.yml", "site")
    site = project / "site"
    result: dict[str, Any] = {
        "papers": args.papers,
        "build_seconds": round(seconds, 1),
        "html_pages": sum(1 for _ in site.rglob("*.html")),
        "largest_pages": largest_pages(site),
        "pagefind_bytes": sum(
            p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()
        ),
        "queries": measure_search(site, sample_queries(project / "content")),
    }
    if args.compare_material:
        size, material_seconds = material_index_size(project)
        result["material_search_index_bytes"] = size
        result["material_build_seconds"] = round(material_seconds, 1)
    (work / "site-weight.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    report(result, work)
    return 0


def report(result: dict[str, Any], work: Path) -> None:
    kb = 1024
    print(
        f"{result['papers']:,} papers, {result['html_pages']:,} HTML pages, "
        f"built in {result['build_seconds']} s (mkdocs + Pagefind)"
    )
    for name, size in result["largest_pages"]:
        print(f"  largest page: {size / kb:8.1f} KB  {name}")
    print(f"  Pagefind bundle on disk: {result['pagefind_bytes'] / kb / kb:.1f} MB")
    for name, t in result["queries"].items():
        print(
            f"  {name}: {t['query'] / kb:.1f} KB in {t['requests']} requests for the query "
            f"({t['results']} results shown); the page itself {t['page'] / kb:.1f} KB"
        )
    if "material_search_index_bytes" in result:
        print(
            "  material's search_index.json: "
            f"{result['material_search_index_bytes'] / kb / kb:.1f} MB"
            f" (build {result['material_build_seconds']} s)"
        )
    print(f"details: {work / 'site-weight.json'}")


if __name__ == "__main__":
    sys.exit(main())
