"""Rules across files: topics resolve, nothing is listed twice, facets fit their survey.

Each ``check_*`` yields ``(file, Finding)`` pairs; :func:`check_content` locates them.
All of them are linear in the number of papers (near-duplicate titles compare only
within small blocks of titles that share their first or last words).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache
from operator import sub
from typing import TYPE_CHECKING

from .fields import TOPIC_PATH
from .ids import arxiv_ids_in, doi_in, normalize_title
from .problems import Problem, Severity
from .rules import Finding
from .schema import Paper
from .taxonomy import Node, node_map

if TYPE_CHECKING:
    from .loader import Content

Located = tuple[str, Finding]
NEAR_TITLE_RATIO = 0.93
MAX_BLOCK = 60


def check_content(content: Content, reader: Callable[[str], str]) -> list[Problem]:
    from .loader import locate

    nodes = {sid: node_map(survey) for sid, survey in content.surveys.items()}
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for check in (
        check_topics_resolve,
        check_facets,
        check_unique_arxiv,
        check_unique_doi,
        check_titles,
        check_empty_topics,
    ):
        for display, finding in check(content, nodes):
            by_file[display].append(finding)
    problems: list[Problem] = []
    for display, findings in by_file.items():
        problems.extend(locate(findings, reader(display), display))
    return problems


def check_topics_resolve(content: Content, nodes: dict[str, dict[str, Node]]) -> Iterator[Located]:
    failed_surveys = content.failed.get("surveys", set())
    listings: list[tuple[str, object]] = [
        (content.path_of("papers", pid), paper.topics) for pid, paper in content.papers.items()
    ]
    listings += [(display, raw.get("topics")) for display, raw in content.partial_papers.items()]
    for display, topics in listings:
        if not isinstance(topics, list):
            continue
        for index, path in enumerate(topics):
            if not isinstance(path, str) or not TOPIC_PATH.fullmatch(path):
                continue  # a malformed path already has its own problem
            survey_id = path.split("/", 1)[0]
            if survey_id in failed_surveys:
                continue  # the survey file has its own errors; do not pile on
            if survey_id not in nodes:
                close = difflib.get_close_matches(survey_id, list(nodes), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "see `surveyatlas topics`"
                yield (
                    display,
                    Finding(
                        ("topics", index), f"unknown survey '{survey_id}'", hint, "unknown-topic"
                    ),
                )
            elif path not in nodes[survey_id]:
                close = difflib.get_close_matches(path, list(nodes[survey_id]), n=1, cutoff=0.5)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"`surveyatlas topics {survey_id}` lists the topic paths"
                )
                yield (
                    display,
                    Finding(("topics", index), f"unknown topic '{path}'", hint, "unknown-topic"),
                )


def check_facets(content: Content, nodes: dict[str, dict[str, Node]]) -> Iterator[Located]:
    for pid, paper in content.papers.items():
        display = content.path_of("papers", pid)
        for survey_id, values in paper.facets.items():
            survey = content.surveys.get(survey_id)
            if survey is None:
                if survey_id not in content.failed.get("surveys", set()):
                    yield (
                        display,
                        Finding(
                            ("facets", survey_id),
                            f"unknown survey '{survey_id}'",
                            "",
                            "facet-unknown",
                            at_key=True,
                        ),
                    )
                continue
            if survey_id not in paper.surveys:
                yield (
                    display,
                    Finding(
                        ("facets", survey_id),
                        f"facets for '{survey_id}', but no topic of that survey is listed",
                        f"add a '{survey_id}/...' topic or remove these facets",
                        "facet-survey",
                        at_key=True,
                    ),
                )
            declared = {facet.id: facet for facet in survey.facets}
            for facet_id, value in values.items():
                facet = declared.get(facet_id)
                loc = ("facets", survey_id, facet_id)
                if facet is None:
                    choices = ", ".join(declared) or "none"
                    yield (
                        display,
                        Finding(
                            loc,
                            f"survey '{survey_id}' has no facet '{facet_id}'",
                            f"its facets: {choices}",
                            "facet-unknown",
                            at_key=True,
                        ),
                    )
                    continue
                chosen = value if isinstance(value, list) else [value]
                if isinstance(value, list) and not facet.multiple:
                    yield (
                        display,
                        Finding(
                            loc,
                            f"facet '{facet_id}' takes one value, not a list",
                            "",
                            "facet-value",
                        ),
                    )
                options = {option.id for option in facet.options}
                for index, option in enumerate(chosen):
                    if option not in options:
                        where = (*loc, index) if isinstance(value, list) else loc
                        yield (
                            display,
                            Finding(
                                where,
                                f"'{option}' is not an option of facet '{facet_id}'",
                                f"options: {', '.join(sorted(options))}",
                                "facet-value",
                            ),
                        )


def _first_claims(
    content: Content, key: Callable[[str], str | None]
) -> Iterator[tuple[str, str, str]]:
    """(paper id, key, first owner's file) for every paper whose key another paper already has."""
    for pid, value, _loc, first in _claims(content, lambda p: [(v, ()) for v in [key(p)] if v]):
        yield pid, value, first


Claim = tuple[str, tuple[str, ...]]  # (identifier, where in the file it was written)


def _claims(
    content: Content, keys: Callable[[str], list[Claim]]
) -> Iterator[tuple[str, str, tuple[str, ...], str]]:
    """(paper id, identifier, its location, first owner's file) for every identifier that an
    earlier paper (in file order) already claims. A paper may claim one id several times."""
    owners: dict[str, str] = {}
    for pid in sorted(content.papers, key=lambda p: content.path_of("papers", p)):
        for value, loc in keys(pid):
            owner = owners.setdefault(value, pid)
            if owner != pid:
                yield pid, value, loc, content.path_of("papers", owner)


def _arxiv_claims(paper: Paper) -> list[Claim]:
    """The paper's arXiv id, and any arXiv id inside its paper or PDF link."""
    claims: list[Claim] = [(paper.arxiv, ("arxiv",))] if paper.arxiv else []
    for name in ("paper", "pdf"):
        url = getattr(paper.links, name)
        claims += [(found, ("links", name)) for found, _ in arxiv_ids_in(url or "")]
    return _first_of_each(claims)


def _doi_claims(paper: Paper) -> list[Claim]:
    """The paper's DOI, and a DOI inside its paper link (e.g. https://doi.org/...)."""
    claims: list[Claim] = [(paper.doi.lower(), ("doi",))] if paper.doi else []
    linked = doi_in(paper.links.paper or "")
    if linked:
        claims.append((linked, ("links", "paper")))
    return _first_of_each(claims)


def _first_of_each(claims: list[Claim]) -> list[Claim]:
    seen: dict[str, tuple[str, ...]] = {}
    for value, loc in claims:
        seen.setdefault(value, loc)
    return list(seen.items())


def check_unique_arxiv(content: Content, nodes: dict[str, dict[str, Node]]) -> Iterator[Located]:
    for pid, value, loc, first in _claims(content, lambda p: _arxiv_claims(content.papers[p])):
        yield (
            content.path_of("papers", pid),
            Finding(
                loc,
                f"arXiv id {value} is already in {first}",
                "a paper is stored once: add this file's topics to that entry and delete this file",
                "duplicate-arxiv",
            ),
        )


def check_unique_doi(content: Content, nodes: dict[str, dict[str, Node]]) -> Iterator[Located]:
    for pid, value, loc, first in _claims(content, lambda p: _doi_claims(content.papers[p])):
        yield (
            content.path_of("papers", pid),
            Finding(
                loc,
                f"DOI {value} is already in {first}",
                "a paper is stored once: merge the two entries",
                "duplicate-doi",
            ),
        )


def check_titles(content: Content, nodes: dict[str, dict[str, Node]]) -> Iterator[Located]:
    keys = {pid: normalize_title(paper.title) for pid, paper in content.papers.items()}
    for pid, _value, first in _first_claims(content, lambda p: keys[p] or None):
        yield (
            content.path_of("papers", pid),
            Finding(
                ("title",),
                f"the same title is already in {first}",
                "a paper is stored once: merge the two entries (or tell them apart in the title)",
                "duplicate-title",
            ),
        )
    yield from _near_titles(content, keys)


def _near_titles(content: Content, keys: dict[str, str]) -> Iterator[Located]:
    blocks: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for pid, key in keys.items():
        words = tuple(key.split())
        if len(words) >= 3:
            blocks[("head", words[:3])].append(pid)
            blocks[("tail", words[-3:])].append(pid)
    reported: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        ordered = sorted(members, key=lambda p: content.path_of("papers", p))
        matchers: dict[str, difflib.SequenceMatcher[str]] = {}
        for i, left in enumerate(ordered):
            for right in ordered[i + 1 :]:
                pair = (left, right)
                if pair in reported or keys[left] == keys[right]:
                    continue
                if _similar(matchers, keys, left, right):
                    reported.add(pair)
                    yield (
                        content.path_of("papers", right),
                        Finding(
                            ("title",),
                            f"title is nearly the same as in {content.path_of('papers', left)}",
                            "if both files are the same paper, merge them",
                            "near-duplicate-title",
                            Severity.WARNING,
                        ),
                    )


def _similar(
    matchers: dict[str, difflib.SequenceMatcher[str]], keys: dict[str, str], left: str, right: str
) -> bool:
    """``ratio() >= NEAR_TITLE_RATIO``, answered by cheap upper bounds when they can.

    The bounds dismiss nearly every pair before the costly ``ratio()``; a matcher keeps
    what it learnt about its second title, so each title is indexed once per block.
    """
    a, b = keys[left], keys[right]
    # Characters one title has and the other lacks can never be matched, so counting a
    # few common ones bounds the ratio from above, in C and without building anything.
    unmatched = sum(map(abs, map(sub, _letter_counts(a), _letter_counts(b))))
    if 1 - unmatched / (len(a) + len(b)) < NEAR_TITLE_RATIO:
        return False
    matcher = matchers.get(right)
    if matcher is None:
        matcher = matchers[right] = difflib.SequenceMatcher(None, "", b)
    matcher.set_seq1(a)
    return matcher.quick_ratio() >= NEAR_TITLE_RATIO and matcher.ratio() >= NEAR_TITLE_RATIO


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789 "


@lru_cache(maxsize=4096)
def _letter_counts(key: str) -> tuple[int, ...]:
    return tuple(key.count(letter) for letter in _LETTERS)


def check_empty_topics(content: Content, nodes: dict[str, dict[str, Node]]) -> Iterator[Located]:
    # Papers that failed validation still count, so one broken file does not also
    # report its topics as empty.
    listed: list[object] = [paper.topics for paper in content.papers.values()]
    listed += [raw.get("topics") for raw in content.partial_papers.values()]
    used: set[str] = set()
    for topics in listed:
        for path in topics if isinstance(topics, list) else []:
            if not isinstance(path, str):
                continue
            parts = path.split("/")
            for end in range(2, len(parts) + 1):
                used.add("/".join(parts[:end]))
    for survey_id, survey_nodes in nodes.items():
        display = content.path_of("surveys", survey_id)
        for path, node in survey_nodes.items():
            if path not in used:
                yield (
                    display,
                    Finding(
                        (*node.loc, "id"),
                        f"topic '{path}' has no papers",
                        "file papers under it, or remove the topic",
                        "empty-topic",
                        Severity.WARNING,
                    ),
                )
