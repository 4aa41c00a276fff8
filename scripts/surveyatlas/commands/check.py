"""``surveyatlas check``: validate every content file and report every problem."""

from __future__ import annotations

import argparse
import sys

from .. import pipeline
from ..problems import ExitCode, format_json, format_text
from .common import add_content_option, content_dir


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "check",
        help="validate the content and report every problem",
        description="Load and validate every survey and paper. Prints each problem as "
        "path:line:col: field: message, with the source line and a hint. Exits 1 on errors.",
    )
    add_content_option(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    content = pipeline.load(content_dir(args))
    problems = content.problems
    output = format_json(problems) if args.format == "json" else format_text(problems)
    sys.stdout.write(output)
    failed = bool(content.errors) or (args.strict and bool(content.warnings))
    if args.format == "text" and not problems:
        pass
    return ExitCode.INVALID if failed else ExitCode.OK
