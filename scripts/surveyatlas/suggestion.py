"""Reading a "Suggest a paper" issue and writing the pull request that adds it.

The issue body is untrusted text from anyone on GitHub. It is only parsed here: the
arXiv id must normalise to a canonical id, each topic must look like a topic path
(whether it exists is checked against the content), and everything shown back in the
pull request goes through :mod:`surveyatlas.ghmarkdown`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import ids
from .errors import UsageError
from .fields import TOPIC_PATH
from .ghmarkdown import clean_line, code, fenced

# The labels of the fields in .github/ISSUE_TEMPLATE/suggest-paper.yml.
ARXIV_LABEL = "arXiv id or URL"
TOPICS_LABEL = "Topics"
WHY_LABEL = "Why it belongs in the atlas"
MAX_BODY = 20_000
MAX_TOPICS = 10
NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Suggestion:
    arxiv_id: str
    topics: list[str]
    why: str


def parse_issue(body: str) -> Suggestion:
    """The fields of an issue written with the "Suggest a paper" form."""
    if len(body) > MAX_BODY:
        raise UsageError(f"the issue text is over {MAX_BODY} characters; is it the paper form?")
    sections = _sections(body)
    missing = [label for label in (ARXIV_LABEL, TOPICS_LABEL) if not sections.get(label)]
    if missing:
        raise UsageError(
            f"the issue has no {' or '.join(repr(m) for m in missing)} field; was it written "
            "with the 'Suggest a paper' form?"
        )
    raw_id = sections[ARXIV_LABEL].strip()
    arxiv_id = ids.normalize_arxiv(raw_id)
    if arxiv_id is None:
        raise UsageError(
            f"the issue's arXiv field is not an arXiv id or URL: {clean_line(raw_id)!r}"
        )
    return Suggestion(arxiv_id, _topics(sections[TOPICS_LABEL]), sections.get(WHY_LABEL, ""))


def _sections(body: str) -> dict[str, str]:
    text = body.replace("\r\n", "\n")
    matches = list(_HEADING.finditer(text))
    sections: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip()
        sections.setdefault(match.group(1), "" if value == NO_RESPONSE else value)
    return sections


def _topics(text: str) -> list[str]:
    topics: list[str] = []
    for line in text.splitlines():
        value = line.strip().removeprefix("- ").removeprefix("* ").strip().strip("`").strip()
        if not value:
            continue
        if not TOPIC_PATH.fullmatch(value):
            raise UsageError(
                f"the issue lists {clean_line(value, 80)!r}, which is not a topic path like "
                "'mm-llms/model-architecture' (`surveyatlas topics` lists them)"
            )
        if value not in topics:
            topics.append(value)
    if not topics:
        raise UsageError("the issue lists no topics")
    if len(topics) > MAX_TOPICS:
        raise UsageError(f"the issue lists {len(topics)} topics; at most {MAX_TOPICS} please")
    return topics


def pr_title(title: str | None, arxiv_id: str) -> str:
    return clean_line(f"Add paper: {title or arxiv_id}", 120)


def pr_body(
    suggestion: Suggestion, paper_id: str, title: str | None, path: str, issue: int | None
) -> str:
    arxiv = suggestion.arxiv_id
    lines = [
        f"Adds {code(paper_id)} — {code(title or arxiv)} "
        f"([arXiv {arxiv}](https://arxiv.org/abs/{arxiv})) as {code(path)}, under:",
        "",
        *(f"- {code(topic)}" for topic in suggestion.topics),
        "",
        "Before merging, a maintainer:",
        "",
        "- [ ] writes the summary in our own words (the file marks it TODO)",
        "- [ ] checks the title, authors and date against the arXiv page",
        "- [ ] checks that the topics fit",
    ]
    if suggestion.why.strip():
        lines += ["", "Why, in the suggester's words:", "", fenced(suggestion.why)]
    if issue is not None:
        lines += ["", f"Closes #{issue}."]
    return "\n".join(lines) + "\n"
