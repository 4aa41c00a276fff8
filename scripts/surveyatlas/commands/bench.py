"""``surveyatlas bench``: generate synthetic atlases and measure builds, search and preview."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import UsageError
from ..output import atomic_write
from ..problems import ExitCode

DEFAULT_SIZES = "1000,10000,50000"
QUICK_SIZES = "60"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "bench",
        help="benchmark the atlas on synthetic content of 1k, 10k and 50k papers",
        description="For each size, generate a realistic synthetic atlas in a temporary "
        "folder and measure: load, validate, index and render times; the full site build; "
        "a plain MkDocs build of the same pages; peak memory; site and page sizes; the bytes "
        "one search downloads; and the preview's delay from saving a file to its page being "
        "served. Prints Markdown tables (see BENCHMARKS.md) and writes JSON with --out.",
    )
    parser.add_argument(
        "--sizes",
        default=None,
        metavar="N,N,...",
        help=f"numbers of papers (default {DEFAULT_SIZES})",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run: {QUICK_SIZES} papers and one preview save (unless --sizes is given)",
    )
    parser.add_argument(
        "--only",
        default=None,
        metavar="STEP,...",
        help="measure only these steps: core, build, plain, search, preview",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated atlases")
    parser.add_argument("--query", default=None, help="the search query to measure")
    parser.add_argument("--edits", type=int, default=None, help="preview saves to time (default 3)")
    parser.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the checkout whose mkdocs.yml, templates and site_src are benchmarked (default .)",
    )
    parser.add_argument(
        "--work-dir", type=Path, default=None, metavar="DIR", help="where to put temporary sites"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and sites")
    parser.set_defaults(run=run)


def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        part = part.strip().replace("_", "")
        if part.lower().endswith("k") and part[:-1].isdigit():
            part = str(int(part[:-1]) * 1000)
        if not part.isdigit() or int(part) < 1:
            raise UsageError(f"--sizes: expected positive numbers like 1000,10000, got '{text}'")
        sizes.append(int(part))
    return sizes


def parse_steps(text: str | None) -> tuple[str, ...]:
    from ..bench.runner import STEPS

    if text is None:
        return STEPS
    steps = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [step for step in steps if step not in STEPS]
    if unknown or not steps:
        raise UsageError(f"--only: choose from {', '.join(STEPS)}, got '{text}'")
    return steps


def run(args: argparse.Namespace) -> int:
    from ..bench.project import check_source
    from ..bench.report import render_report
    from ..bench.runner import run_benchmark
    from ..bench.search import DEFAULT_QUERY

    sizes = parse_sizes(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
    steps = parse_steps(args.only)
    edits = args.edits if args.edits is not None else (1 if args.quick else 3)
    if edits < 1:
        raise UsageError("--edits: at least one save is needed")
    source = args.project.resolve()
    check_source(source)
    if args.work_dir is not None and not args.work_dir.is_dir():
        raise UsageError(f"--work-dir: {args.work_dir} is not a folder")

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    data = run_benchmark(
        sizes,
        source=source,
        seed=args.seed,
        steps=steps,
        query=args.query or DEFAULT_QUERY,
        edits=edits,
        work_dir=args.work_dir,
        keep=args.keep,
        say=say,
    )
    if args.out:
        atomic_write(args.out, json.dumps(data, indent=2) + "\n")
    sys.stdout.write(render_report(data))
    return ExitCode.OK
