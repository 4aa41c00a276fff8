"""``surveyatlas schema``: write (or check) the JSON Schemas generated from the models."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..output import write_if_changed
from ..problems import ExitCode
from ..schema import schema_texts


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "schema",
        help="write the JSON Schemas for survey and paper files",
        description="Generate the JSON Schemas editors use to validate content files.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("content/schemas"),
        metavar="DIR",
        help="default: content/schemas",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are out of date")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    stale = []
    for name, text in schema_texts().items():
        path = args.out / name
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                stale.append(str(path))
        elif write_if_changed(path, text):
            print(f"wrote {path}")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run `surveyatlas schema`)")
        return ExitCode.INVALID
    return ExitCode.OK
