"""``surveyatlas add``: a new paper file from an arXiv id, fetched from the arXiv API."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

from .. import arxiv, ids, scaffold
from ..errors import AtlasError, UsageError
from ..loader import load_text
from ..problems import ExitCode, Problem, Severity, format_problem
from ..schema import Paper
from ..yamlsource import decode
from ..yamlwrite import emit
from .common import add_content_option, content_dir

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "add",
        help="add a paper from its arXiv id",
        description="Fetch a paper's title, authors, first-version date, DOI and journal "
        "reference from the arXiv API and write content/papers/<id>.yml, ready for its "
        "summary. Refuses a paper that is already in the atlas.",
    )
    parser.add_argument("paper", metavar="ARXIV_ID_OR_URL", help="e.g. 2304.08485 or its URL")
    parser.add_argument(
        "--topic",
        dest="topics",
        action="append",
        required=True,
        metavar="PATH",
        help="a topic path such as mm-llms/sota-mm-llms (repeat for more; see "
        "`surveyatlas topics`)",
    )
    add_content_option(parser)
    parser.add_argument(
        "--arxiv-api",
        metavar="URL",
        default=None,
        help=f"the API address (default: ${arxiv.API_ENV} or {arxiv.DEFAULT_API})",
    )
    parser.add_argument(
        "--no-fetch",
        action="store_true",
        help="do not contact arXiv: write a skeleton from the id for you to fill in",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    arxiv_id = ids.normalize_arxiv(args.paper)
    if arxiv_id is None:
        raise UsageError(
            f"not an arXiv id or arXiv URL: '{args.paper}' (expected e.g. 2304.08485 or "
            "https://arxiv.org/abs/2304.08485)"
        )
    content = content_dir(args)
    topics = list(dict.fromkeys(args.topics))
    check_topics(content, topics)
    refuse_existing(content, arxiv_id, None, None)
    today = dt.date.today()
    if args.no_fetch:
        data = scaffold.paper_from_id(arxiv_id, topics, today)
    else:
        record = arxiv.ArxivClient(args.arxiv_api).fetch(arxiv_id)
        refuse_existing(content, arxiv_id, record.doi, record.title)
        data = scaffold.paper_from_record(record, topics, today)
    write_paper(content, data, fetched=not args.no_fetch, today=today)
    return ExitCode.OK


def check_topics(content: Path, topics: list[str]) -> None:
    known, failed = scaffold.topic_paths(content)
    unknown = scaffold.unknown_topics(topics, known)
    if unknown:
        extra = f"; these survey files have errors: {', '.join(failed)}" if failed else ""
        raise UsageError(
            f"unknown topic {', '.join(unknown)} (`surveyatlas topics` lists them){extra}"
        )


def refuse_existing(content: Path, arxiv_id: str, doi: str | None, title: str | None) -> None:
    existing = scaffold.find_existing(content, arxiv_id, doi, title)
    if existing is not None:
        raise AtlasError(
            f"{existing.path} already has {existing.reason}: a paper is stored once, so "
            "add your topics to that file instead"
        )


def control_problems(data: dict[str, Any], display: str) -> list[Problem]:
    """Control characters in what arXiv sent. YAML can carry them as escapes, which the
    schema does not refuse, but no title or name has one and a terminal obeys them."""
    problems = []
    for key, value in data.items():
        for text in value if isinstance(value, list) else [value]:
            found = _CONTROL.search(text) if isinstance(text, str) else None
            if found:
                code = f"U+{ord(found.group()):04X}"
                problems.append(
                    Problem(
                        path=display,
                        field=key,
                        message=f"contains the control character {code}",
                        hint="arXiv's record is damaged; add the paper with --no-fetch",
                        code="text-control",
                    )
                )
    return problems


def write_paper(content: Path, data: dict[str, Any], *, fetched: bool, today: dt.date) -> Path:
    """Validate the draft like a pull request, then create its file (never over another)."""
    folder = content / "papers"
    data["id"] = scaffold.free_slug(data["id"], folder)
    path = folder / f"{data['id']}.yml"
    text = emit(data, "paper", scaffold.paper_comments(fetched))
    # Read it back exactly as `check` will read the file: bytes, then YAML, then rules.
    _, unreadable = decode(text.encode("utf-8"), str(path))
    loaded = load_text(text, str(path), data["id"], Paper, today=today)
    problems = unreadable or control_problems(data, str(path)) or loaded.problems
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if fetched and errors:
        for problem in problems:
            print(format_problem(problem), file=sys.stderr)
        raise AtlasError(
            f"arXiv's record for {data['arxiv']} does not pass the atlas's checks (see above); "
            "nothing was written. Try again with --no-fetch and fill in the fields by hand"
        )
    try:
        scaffold.create_new(path, text)
    except FileExistsError:
        raise AtlasError(f"{path} was created meanwhile; nothing was written") from None
    print(f"wrote {path} ({data['title'] or data['arxiv']})")
    for problem in loaded.problems:
        print(format_problem(problem))
    todo = "fill in the fields marked TODO" if not fetched else "write the summary"
    print(f"next: {todo}, then run `surveyatlas check`")
    return path
