"""``surveyatlas links``: check every paper and survey link, politely, and report failures."""

from __future__ import annotations

import argparse
import json
import sys

from .. import pipeline
from ..ghmarkdown import code
from ..linkcheck import BROKEN, OK, UNVERIFIED, LinkResult, Settings, check_links, collect_links
from ..problems import ExitCode
from .common import add_content_option, content_dir


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "links",
        help="check that every paper and survey link still works",
        description="Request every link of the valid papers and surveys (HEAD, or a small "
        "GET when HEAD is refused), one request at a time per host with a pause between them, "
        "and report broken links. Exit 1 if any link is broken.",
    )
    add_content_option(parser)
    parser.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="report format"
    )
    parser.add_argument(
        "--concurrency", type=int, default=8, metavar="N", help="hosts checked at once (8)"
    )
    parser.add_argument(
        "--per-host-interval",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="pause between two requests to the same host (1.0)",
    )
    parser.add_argument(
        "--timeout", type=float, default=20.0, metavar="SECONDS", help="read timeout (20)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    content = pipeline.load(content_dir(args))
    links = collect_links(content)
    settings = Settings(
        concurrency=max(1, args.concurrency),
        per_host_interval=max(0.0, args.per_host_interval),
        read_timeout=args.timeout,
        connect_timeout=min(10.0, args.timeout),
    )
    results = check_links(links, settings)
    report = {"text": text_report, "markdown": markdown_report, "json": json_report}[args.format]
    sys.stdout.write(report(results, skipped=len(content.failed.get("papers", ()))))
    return ExitCode.INVALID if any(r.verdict == BROKEN for r in results) else ExitCode.OK


def _by(results: list[LinkResult], verdict: str) -> list[LinkResult]:
    return sorted((r for r in results if r.verdict == verdict), key=lambda r: r.url)


def _headline(results: list[LinkResult], skipped: int) -> str:
    counts = {v: len(_by(results, v)) for v in (OK, BROKEN, UNVERIFIED)}
    line = (
        f"checked {len(results)} links: {counts[OK]} fine, {counts[BROKEN]} broken, "
        f"{counts[UNVERIFIED]} could not be verified"
    )
    if skipped:
        line += f" ({skipped} paper files with errors were skipped)"
    return line


def text_report(results: list[LinkResult], *, skipped: int = 0) -> str:
    lines = []
    for verdict in (BROKEN, UNVERIFIED):
        for result in _by(results, verdict):
            where = ", ".join(f"{use.path} ({use.field})" for use in result.uses)
            lines.append(f"{verdict}: {result.url} ({result.reason}) in {where}")
    lines.append(_headline(results, skipped))
    return "\n".join(lines) + "\n"


def markdown_report(results: list[LinkResult], *, skipped: int = 0) -> str:
    lines = ["## Link check", "", _headline(results, skipped).capitalize() + "."]
    for verdict, title in ((BROKEN, "Broken"), (UNVERIFIED, "Could not be verified")):
        found = _by(results, verdict)
        if not found:
            continue
        lines += ["", f"### {title} ({len(found)})", ""]
        for result in found:
            where = ", ".join(f"{code(use.path)} ({code(use.field)})" for use in result.uses)
            lines.append(f"- {code(result.url)} — {code(result.reason)} — in {where}")
    return "\n".join(lines) + "\n"


def json_report(results: list[LinkResult], *, skipped: int = 0) -> str:
    payload = {
        "checked": len(results),
        "skipped_files": skipped,
        "results": [
            {
                "url": r.url,
                "verdict": r.verdict,
                "reason": r.reason,
                "final_url": r.final_url,
                "uses": [{"path": u.path, "field": u.field} for u in r.uses],
            }
            for r in results
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
