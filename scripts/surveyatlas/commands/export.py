"""``surveyatlas export``: the atlas as JSON, BibTeX, CSV or a Markdown awesome list."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import pipeline
from ..atlas import build_index
from ..errors import UsageError
from ..exporters import FORMATS, export, export_schema_text
from ..output import atomic_write
from ..problems import ExitCode, format_text
from .common import add_content_option, content_dir


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "export",
        help="export the atlas as json, bibtex, csv or markdown",
        description="Write every paper (or one survey's) in a format other tools read. "
        "The site publishes the same files as papers.json, papers.bib and papers.csv. "
        "Nothing is written if the content has errors.",
    )
    parser.add_argument(
        "--format",
        choices=(*FORMATS, "json-schema"),
        default="json",
        help="output format (json-schema: the schema of the JSON export)",
    )
    parser.add_argument("--survey", metavar="ID", help="only this survey's papers")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here (default: stdout)")
    add_content_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "json-schema":
        return _emit(export_schema_text(), args.out)
    content = pipeline.load(content_dir(args))
    if content.errors:
        sys.stderr.write(format_text(content.errors))
        return ExitCode.INVALID
    atlas = build_index(content.surveys, content.papers, content.files)
    if args.survey and args.survey not in atlas.surveys:
        known = ", ".join(sorted(atlas.surveys)) or "none"
        raise UsageError(f"unknown survey '{args.survey}' (known: {known})")
    return _emit(export(atlas, args.format, args.survey), args.out)


def _emit(text: str, out: Path | None) -> int:
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text)
        print(f"wrote {out}", file=sys.stderr)
    return ExitCode.OK
