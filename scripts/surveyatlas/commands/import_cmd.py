"""``surveyatlas import markdown|posts|bibtex``: bring a survey's own list into the atlas."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..importers import ImportProblems, Settings, load_for_import, read_source, run_import
from ..importers.mapping import ImportMap, load_map
from ..problems import ExitCode, format_text
from .common import add_content_option, content_dir

KINDS = {
    "markdown": "an awesome-list README: headings become topics, list items and rows papers",
    "posts": "a folder of Jekyll posts (the MM-LLMs site): one paper per post, with facets",
    "bibtex": "a BibTeX file: every entry into one topic (--topic)",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "import",
        help="import a survey's paper list (markdown, posts or bibtex)",
        description="Add the papers of a survey's own list to the atlas. Papers already in "
        "the atlas (same arXiv id, DOI or title) gain the new topic; nothing they have is "
        "changed. New papers get today's 'added' date and no summary.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", parser_class=type(parser))
    for kind, help_text in KINDS.items():
        one = kinds.add_parser(kind, help=help_text, description=help_text)
        one.add_argument("source", type=Path, metavar="DIR" if kind == "posts" else "FILE")
        one.add_argument("--survey", required=True, metavar="ID", help="the survey to file under")
        if kind == "bibtex":
            one.add_argument("--topic", required=True, metavar="PATH", help="topic for every entry")
        else:
            one.add_argument("--map", type=Path, metavar="FILE", help="headings -> topics map")
            one.add_argument("--under", metavar="TOPIC", help="put the list's headings below TOPIC")
        one.add_argument(
            "--require-authors",
            action="store_true",
            help="skip new papers whose line names no authors",
        )
        one.add_argument("--dry-run", action="store_true", help="report, write nothing")
        one.add_argument("--json", action="store_true", help="print the report as JSON")
        add_content_option(one)
        one.set_defaults(run=run)
    parser.set_defaults(run=lambda args: _missing_kind(parser))


def _missing_kind(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print(
        "surveyatlas import: error: say what to import: markdown, posts or bibtex", file=sys.stderr
    )
    return ExitCode.USAGE


def run(args: argparse.Namespace) -> int:
    today = dt.date.today()
    folder = content_dir(args)
    try:
        content = load_for_import(folder, args.survey, today)
        survey = content.surveys[args.survey]
        mapping = load_map(args.map, survey) if getattr(args, "map", None) else ImportMap()
        settings = Settings(
            args.survey, today, mapping, getattr(args, "under", None), args.require_authors
        )
        candidates, skipped = _extract(args, survey, mapping)
        report = run_import(
            str(args.source), candidates, skipped, folder, content, settings, dry_run=args.dry_run
        )
    except ImportProblems as exc:
        sys.stderr.write(format_text(exc.problems))
        print(f"surveyatlas: error: {exc}", file=sys.stderr)
        return ExitCode.INVALID
    sys.stdout.write(report.to_json() if args.json else report.to_text())
    return ExitCode.OK


def _extract(args, survey, mapping):  # type: ignore[no-untyped-def]
    if args.kind == "markdown":
        from ..importers.markdown import extract_markdown

        extraction = extract_markdown(read_source(args.source), str(args.source))
        return extraction.candidates, extraction.skipped
    if args.kind == "posts":
        from ..importers.posts import extract_posts

        return extract_posts(args.source, survey, mapping)
    from ..importers.bibtex_in import extract_bibtex

    return extract_bibtex(read_source(args.source), str(args.source), survey, args.topic)
