"""``surveyatlas new-survey``: a survey file to fill in, with the fields marked TODO."""

from __future__ import annotations

import argparse
import datetime as dt

from .. import ids, scaffold
from ..errors import AtlasError, UsageError
from ..fields import RESERVED_SLUGS
from ..loader import load_text
from ..problems import ExitCode, format_problem
from ..schema import Survey
from ..yamlwrite import emit
from .common import add_content_option, content_dir


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "new-survey",
        help="start a survey file",
        description="Write content/surveys/ID.yml in canonical form with every field to fill "
        "in marked TODO; `surveyatlas check` reports what is still missing.",
    )
    parser.add_argument("survey_id", metavar="ID", help="a slug, e.g. mm-llms")
    add_content_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    survey_id: str = args.survey_id
    if not ids.SLUG.fullmatch(survey_id) or len(survey_id) > 64:
        suggestion = ids.slugify(survey_id)
        hint = f" (try '{suggestion}')" if suggestion else ""
        raise UsageError(
            f"survey id '{survey_id}' must be lower-case letters, digits and single hyphens{hint}"
        )
    if survey_id in RESERVED_SLUGS:
        raise UsageError(f"'{survey_id}' is reserved for the site's own pages; choose another id")
    path = content_dir(args) / "surveys" / f"{survey_id}.yml"
    if path.exists() or path.is_symlink():
        raise AtlasError(f"{path} already exists; edit it, or choose another id")
    data, comments = scaffold.survey_skeleton(survey_id)
    text = emit(data, "survey", comments)
    try:
        scaffold.create_new(path, text)
    except FileExistsError:
        raise AtlasError(f"{path} was created meanwhile; nothing was written") from None
    print(f"wrote {path}")
    loaded = load_text(text, str(path), survey_id, Survey, today=dt.date.today())
    for problem in loaded.problems:
        print(format_problem(problem))
    print("next: fill in the fields marked TODO, then run `surveyatlas check`")
    return ExitCode.OK
