"""The benchmark's results as Markdown tables, and how they compare with the targets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MB = 1024 * 1024
KB = 1024

# The targets of issue 8 (a 2-core machine); None means "report only".
TARGETS: dict[str, dict[int, float | None]] = {
    "core": {1000: 0.5, 10_000: 2.5, 50_000: 13.0},
    "ratio": {1000: 1.15, 10_000: 1.15, 50_000: 1.15},
    "full_build": {1000: 8.0, 10_000: 45.0, 50_000: None},
    "preview": {1000: 1.5, 10_000: 4.0, 50_000: None},
    "largest_page": {1000: None, 10_000: 1 * MB, 50_000: 1 * MB},
    "search": {1000: None, 10_000: 300 * KB, 50_000: 500 * KB},
    "peak": {1000: None, 10_000: 300 * MB, 50_000: 800 * MB},
}
LABELS = {
    "core": "load + validate + index + render",
    "ratio": "full build / plain build",
    "full_build": "full build (paper pages, search index)",
    "preview": "preview: save -> page served",
    "largest_page": "largest HTML page",
    "search": "search bytes per query",
    "peak": "peak memory of the build",
}


def _get(result: dict[str, Any], *path: str) -> Any:
    value: Any = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def measures(result: dict[str, Any]) -> dict[str, float | None]:
    """The values the targets are about (seconds, ratios, bytes)."""
    peak = _get(result, "full_build", "peak_mb")
    return {
        "core": _get(result, "core", "total"),
        "ratio": _get(result, "ratio"),
        "full_build": _get(result, "full_build", "seconds"),
        "preview": _get(result, "preview", "median"),
        "largest_page": _get(result, "site", "largest_page_bytes"),
        "search": _get(result, "search", "bytes"),
        "peak": peak * MB if peak is not None else None,
    }


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def _size(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= MB:
        return f"{value / MB:.1f} MB"
    return f"{value / KB:.0f} KB"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


FORMATS: dict[str, Callable[[float | None], str]] = {
    "core": _seconds,
    "ratio": _ratio,
    "full_build": _seconds,
    "preview": _seconds,
    "largest_page": _size,
    "search": _size,
    "peak": _size,
}


def results_table(results: list[dict[str, Any]]) -> str:
    """Every measurement, one column per size."""
    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("surveys / topics", lambda r: f"{r['surveys']} / {r['topics']}"),
        ("papers in 2+ surveys", lambda r: f"{r['cross_listed']:,}"),
        ("generated pages", lambda r: _count(_get(r, "core", "pages"))),
        ("load (read + parse YAML)", lambda r: _seconds(_get(r, "core", "read"))),
        ("validate", lambda r: _seconds(_get(r, "core", "validate"))),
        ("index", lambda r: _seconds(_get(r, "core", "index"))),
        ("render", lambda r: _seconds(_get(r, "core", "render"))),
        ("**load + validate + index + render**", lambda r: _seconds(_get(r, "core", "total"))),
        ("full build (mkdocs build, plugin)", lambda r: _seconds(_get(r, "full_build", "seconds"))),
        ("  of which Pagefind (run alone)", lambda r: _seconds(_get(r, "search_index", "seconds"))),
        (
            "plain build (same pages, no plugin)",
            lambda r: _seconds(_get(r, "plain_build", "seconds")),
        ),
        ("**full / plain**", lambda r: _ratio(_get(r, "ratio"))),
        ("peak memory, full build", lambda r: _mb(_get(r, "full_build", "peak_mb"))),
        ("  MkDocs process alone", lambda r: _mb(_get(r, "full_build", "mkdocs_peak_mb"))),
        ("  Pagefind alone", lambda r: _mb(_get(r, "search_index", "peak_mb"))),
        ("  plain build", lambda r: _mb(_get(r, "plain_build", "peak_mb"))),
        ("  core pipeline", lambda r: _mb(_get(r, "core", "peak_mb"))),
        ("site size", lambda r: _size(_get(r, "site", "bytes"))),
        ("HTML pages", lambda r: _count(_get(r, "site", "html_pages"))),
        ("largest HTML page", _largest),
        ("search: bytes for one query", _search),
        ("preview: save -> page served (median)", lambda r: _seconds(_get(r, "preview", "median"))),
        ("preview: each save", _saves),
        ("preview: server start to first page", lambda r: _seconds(_get(r, "preview", "startup"))),
    ]
    header = "| measure | " + " | ".join(f"{r['papers']:,} papers" for r in results) + " |"
    lines = [header, "|---|" + "---|" * len(results)]
    for label, show in rows:
        lines.append(f"| {label} | " + " | ".join(show(r) for r in results) + " |")
    return "\n".join(lines)


def targets_table(results: list[dict[str, Any]]) -> str:
    """Each target beside the measured value, for the sizes the targets name."""
    sized = [r for r in results if any(r["papers"] in t for t in TARGETS.values())]
    if not sized:
        return ""
    header = "| target | " + " | ".join(f"{r['papers']:,}" for r in sized) + " |"
    lines = [header, "|---|" + "---|" * len(sized)]
    for key, label in LABELS.items():
        cells = []
        for result in sized:
            value = measures(result)[key]
            limit = TARGETS[key].get(result["papers"])
            shown = FORMATS[key](value)
            if value is None or limit is None:
                cells.append(shown if limit is None else f"{shown} (target {FORMATS[key](limit)})")
            else:
                verdict = "met" if value <= limit else "MISSED"
                cells.append(f"{shown} ≤ {FORMATS[key](limit)}: {verdict}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _count(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} MB"


def _largest(result: dict[str, Any]) -> str:
    size = _get(result, "site", "largest_page_bytes")
    return "-" if size is None else f"{_size(size)} ({_get(result, 'site', 'largest_page')})"


def _search(result: dict[str, Any]) -> str:
    search = result.get("search")
    if not search:
        return "-"
    if "error" in search:
        return f"not measured: {search['error']}"
    return f"{_size(search['bytes'])} in {search['requests']} files ({search['engine']})"


def _saves(result: dict[str, Any]) -> str:
    saves = _get(result, "preview", "saves")
    return "-" if not saves else ", ".join(f"{s:.2f}" for s in saves) + " s"


def render_report(data: dict[str, Any]) -> str:
    machine = data["machine"]
    lines = [
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB, "
        f"{machine['system']}, Python {machine['python']}",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in data["versions"].items()),
        "",
        results_table(data["results"]),
    ]
    targets = targets_table(data["results"])
    if targets:
        lines += ["", targets]
    return "\n".join(lines) + "\n"
