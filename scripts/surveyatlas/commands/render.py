"""``surveyatlas render``: write the generated pages to a folder, for any engine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import pipeline
from ..output import write_tree
from ..problems import ExitCode, format_text
from .common import add_content_option, add_templates_option, content_dir, templates_dir


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "render",
        help="write the generated Markdown pages to a folder",
        description="Render every generated page into DIR, rewriting only files whose "
        "content changed and removing pages this command wrote before that no longer exist. "
        "Nothing is written if the content has errors.",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    add_content_option(parser)
    add_templates_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = pipeline.build(content_dir(args), templates_dir(args))
    if result.site is None:
        sys.stderr.write(format_text(result.content.problems))
        return ExitCode.INVALID
    files: dict[str, str | bytes] = dict(result.site.pages)
    files.update(result.site.files)
    written = write_tree(args.out, files)
    print(
        f"rendered {len(files)} files into {args.out}: {len(written.written)} written, "
        f"{written.unchanged} unchanged, {len(written.removed)} removed"
    )
    return ExitCode.OK
