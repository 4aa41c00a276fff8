"""``surveyatlas add-suggestion``: ``add`` driven by a "Suggest a paper" issue (for CI)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .. import arxiv, scaffold
from ..errors import FileError, UsageError
from ..output import atomic_write
from ..problems import ExitCode
from ..suggestion import parse_issue, pr_body, pr_title
from .add import check_topics, refuse_existing, write_paper
from .common import add_content_option, content_dir


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "add-suggestion",
        help="add the paper a 'Suggest a paper' issue names (used by CI)",
        description="Read the body of an issue written with the 'Suggest a paper' form, "
        "check its arXiv id and topics, and add the paper as `surveyatlas add` does. With "
        "--pr-dir, also write the pull request's title and description there.",
    )
    parser.add_argument("body_file", type=Path, metavar="ISSUE_BODY_FILE")
    parser.add_argument("--issue", type=int, default=None, metavar="N", help="issue number")
    parser.add_argument("--pr-dir", type=Path, default=None, metavar="DIR")
    add_content_option(parser)
    parser.add_argument("--arxiv-api", metavar="URL", default=None)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        body = args.body_file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise FileError(f"{args.body_file}: cannot read: {exc.strerror}") from exc
    if args.issue is not None and args.issue <= 0:
        raise UsageError(f"not an issue number: {args.issue}")
    suggestion = parse_issue(body)
    content = content_dir(args)
    check_topics(content, suggestion.topics)
    refuse_existing(content, suggestion.arxiv_id, None, None)
    record = arxiv.ArxivClient(args.arxiv_api).fetch(suggestion.arxiv_id)
    refuse_existing(content, suggestion.arxiv_id, record.doi, record.title)
    today = dt.date.today()
    data = scaffold.paper_from_record(record, suggestion.topics, today)
    path = write_paper(content, data, fetched=True, today=today)
    if args.pr_dir is not None:
        atomic_write(args.pr_dir / "title.txt", pr_title(record.title, record.arxiv_id) + "\n")
        body_text = pr_body(suggestion, data["id"], record.title, str(path), args.issue)
        atomic_write(args.pr_dir / "body.md", body_text)
        atomic_write(args.pr_dir / "path.txt", f"{path}\n")
    return ExitCode.OK
