"""``surveyatlas topics``: print taxonomy trees with the paths ``--topic`` expects."""

from __future__ import annotations

import argparse
import sys

from .. import pipeline
from ..errors import AtlasError, UsageError
from ..problems import ExitCode
from ..taxonomy import walk
from .common import add_content_option, content_dir


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "topics",
        help="list topic paths, for choosing --topic",
        description="Print each survey's taxonomy as an indented tree of topic paths.",
    )
    parser.add_argument("survey", nargs="?", help="only this survey")
    add_content_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    content = pipeline.load(content_dir(args))
    surveys = content.surveys
    if args.survey:
        if args.survey in content.failed.get("surveys", set()):
            raise AtlasError(
                f"survey '{args.survey}' has errors in its file; run `surveyatlas check`"
            )
        if args.survey not in surveys:
            known = ", ".join(sorted(surveys)) or "none"
            raise UsageError(f"unknown survey '{args.survey}' (known: {known})")
        surveys = {args.survey: surveys[args.survey]}
    for survey in surveys.values():
        print(f"{survey.id}  {survey.title}")
        for node in walk(survey):
            print(f"{'  ' * node.depth}{node.path}  {node.topic.name}")
    broken = sorted(content.failed.get("surveys", set()))
    if broken and not args.survey:
        print(
            f"note: not listed because their files have errors: {', '.join(broken)} "
            "(run `surveyatlas check`)",
            file=sys.stderr,
        )
    return ExitCode.OK
