"""Rules about one entry that the field types cannot express alone.

Each ``check_*`` function takes a validated model and yields findings: a problem
located by its path inside the file (``loc``), turned into file:line:col later.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from .fields import parse_fuzzy_date
from .ids import arxiv_month
from .problems import Severity
from .schema import OTHERS, Paper, Survey, Topic

MAX_TAXONOMY_DEPTH = 4
SUMMARY_HINT = "write one to three sentences, in your own words, on what the paper contributes"


@dataclass(frozen=True)
class Finding:
    loc: tuple[str | int, ...]
    message: str
    hint: str = ""
    code: str = ""
    severity: Severity = Severity.ERROR
    at_key: bool = False  # point at the key rather than its value


def check_paper(paper: Paper) -> Iterator[Finding]:
    yield from check_identifier(paper)
    yield from check_others_last(paper)
    yield from check_authors_named(paper)
    yield from check_date_not_after_arxiv(paper)
    yield from check_no_repeats(paper)
    yield from check_summary_present(paper)
    yield from check_link_hosts(paper.links.model_dump())


def check_identifier(paper: Paper) -> Iterator[Finding]:
    if not (paper.arxiv or paper.doi or paper.links.paper):
        yield Finding(
            (),
            "a paper needs an 'arxiv' id, a 'doi', or a 'links.paper' URL",
            'add the arXiv id (e.g. arxiv: "2304.08485") or the DOI',
            "paper-identifier",
        )


def check_others_last(paper: Paper) -> Iterator[Finding]:
    for index, name in enumerate(paper.authors[:-1]):
        if name == OTHERS:
            yield Finding(
                ("authors", index),
                "'others' may only be the last author",
                "list the named authors first, then 'others'",
                "authors-others",
            )
    for index, name in enumerate(paper.authors):
        if name.lower().rstrip(".") in ("et al", "and others", "etc"):
            yield Finding(
                ("authors", index),
                f"'{name}' is not an author name",
                "end a shortened author list with 'others'",
                "authors-others",
            )


def check_authors_named(paper: Paper) -> Iterator[Finding]:
    # Importers write `authors: [others]` when a list names no authors: valid, but a gap.
    if all(name == OTHERS for name in paper.authors):
        yield Finding(
            ("authors",),
            "no author is named (only 'others')",
            "add the authors in order from the paper's arXiv page; end with 'others' if cut short",
            "authors-unknown",
            Severity.WARNING,
        )


def check_date_not_after_arxiv(paper: Paper) -> Iterator[Finding]:
    if not paper.arxiv:
        return
    year, month = arxiv_month(paper.arxiv)
    date_year, date_month, _ = parse_fuzzy_date(paper.date)
    if (date_year, date_month or 1) > (year, month):
        yield Finding(
            ("date",),
            f"date '{paper.date}' is later than the month of its arXiv id ({year}-{month:02d})",
            "use the date of the first public version, shown as 'Submitted on' for v1 on arXiv",
            "date-after-arxiv",
        )


def check_no_repeats(paper: Paper) -> Iterator[Finding]:
    for name, values in (
        ("topics", paper.topics),
        ("tags", paper.tags),
        ("authors", paper.authors),
    ):
        seen: set[str] = set()
        for index, value in enumerate(values):
            if value in seen and value != OTHERS:
                yield Finding(
                    (name, index), f"'{value}' is listed twice", "remove the repeat", "list-repeat"
                )
            seen.add(value)


def check_summary_present(paper: Paper) -> Iterator[Finding]:
    if paper.summary is None:
        yield Finding(
            ("summary",),
            "summary is missing",
            SUMMARY_HINT,
            "summary-missing",
            Severity.WARNING,
            at_key=True,
        )


def check_link_hosts(links: dict[str, str | None]) -> Iterator[Finding]:
    """Punycode (``xn--``) hosts are legal but can imitate another site once a browser
    shows them in Unicode: ask the reviewer to look twice."""
    for name, url in links.items():
        host = (urlsplit(url).hostname or "") if url else ""
        if any(label.startswith("xn--") for label in host.split(".")):
            yield Finding(
                ("links", name),
                f"host '{host}' is an internationalised name that can imitate another site",
                "check it is the site you mean; prefer the project's usual address",
                "url-punycode",
                Severity.WARNING,
            )


def check_survey(survey: Survey) -> Iterator[Finding]:
    yield from check_sibling_ids(survey.taxonomy, ("taxonomy",), depth=1)
    yield from check_facet_ids(survey)
    yield from check_link_hosts(survey.links.model_dump())


def check_sibling_ids(
    topics: list[Topic], loc: tuple[str | int, ...], depth: int
) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, topic in enumerate(topics):
        here = (*loc, index)
        if topic.id in seen:
            yield Finding(
                (*here, "id"),
                f"topic id '{topic.id}' is already used by a sibling (item {seen[topic.id] + 1})",
                "sibling topics need distinct ids; rename one",
                "topic-id-clash",
            )
        seen.setdefault(topic.id, index)
        if topic.children and depth >= MAX_TAXONOMY_DEPTH:
            yield Finding(
                (*here, "children"),
                f"taxonomy is deeper than {MAX_TAXONOMY_DEPTH} levels",
                "fold the deepest level into its parent",
                "taxonomy-depth",
            )
        elif topic.children:
            yield from check_sibling_ids(topic.children, (*here, "children"), depth + 1)


def check_facet_ids(survey: Survey) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, facet in enumerate(survey.facets):
        if facet.id in seen:
            yield Finding(
                ("facets", index, "id"),
                f"facet id '{facet.id}' is used twice",
                "rename one of the facets",
                "facet-id-clash",
            )
        seen.add(facet.id)
        options: set[str] = set()
        for option_index, option in enumerate(facet.options):
            if option.id in options:
                yield Finding(
                    ("facets", index, "options", option_index, "id"),
                    f"option id '{option.id}' is used twice in facet '{facet.id}'",
                    "rename one of the options",
                    "facet-id-clash",
                )
            options.add(option.id)
