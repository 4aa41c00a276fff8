"""The index: validated content arranged for rendering and export.

``build_index`` is linear in the number of papers: cross-listing, counts, related
papers and the survey-overlap matrix never compare every paper with every other.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

from . import bibtex
from .ids import normalize_title
from .schema import Paper, Survey
from .taxonomy import Node, walk

RELATED_LIMIT = 6
RELATED_WINDOW = 8  # neighbours taken from each shared topic or tag, nearest in date


@dataclass
class TopicEntry:
    path: str
    survey_id: str
    node: Node
    children: list[str] = field(default_factory=list)
    papers: list[str] = field(default_factory=list)  # filed directly here, newest first
    total: int = 0  # distinct papers here and below

    @property
    def name(self) -> str:
        return self.node.topic.name

    @property
    def ancestors(self) -> list[str]:
        """Paths of the topics above this one, outermost first."""
        parts = self.path.split("/")
        return ["/".join(parts[:end]) for end in range(2, len(parts))]


@dataclass
class Atlas:
    surveys: dict[str, Survey]  # in display order
    papers: dict[str, Paper]  # newest first
    topics: dict[str, TopicEntry]  # every taxonomy node, by path, in tree order
    roots: dict[str, list[str]]  # survey id -> top-level topic paths
    survey_papers: dict[str, list[str]]  # survey id -> distinct papers, newest first
    related: dict[str, list[str]]
    overlap: dict[tuple[str, str], int]  # (survey, survey) -> shared papers; (s, s) -> total
    bibkeys: dict[str, str]
    files: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> file
    # Values the view layer derives from this atlas once and reuses (a paper's card).
    memo: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False, compare=False)

    def topic_trail(self, path: str) -> list[TopicEntry]:
        entry = self.topics[path]
        return [self.topics[p] for p in entry.ancestors] + [entry]

    def newest_added(self, limit: int) -> list[Paper]:
        ranked = sorted(
            self.papers.values(), key=lambda p: (p.added, p.date_key, p.id), reverse=True
        )
        return ranked[:limit]


def newest_first(papers: Iterable[Paper]) -> list[Paper]:
    """Newest first by date; a date known only to the year sorts after that year's months."""
    ordered = sorted(papers, key=_title_order)
    return sorted(ordered, key=lambda p: p.date_key, reverse=True)


def oldest_first(papers: Iterable[Paper]) -> list[Paper]:
    ordered = sorted(papers, key=_title_order)
    return sorted(ordered, key=lambda p: p.date_key)


def _title_order(paper: Paper) -> tuple[str, str]:
    return (_title_key(paper.title), paper.id)


# Several orderings per build (and every preview rebuild) ask for the same titles' keys.
_title_key = lru_cache(maxsize=1 << 17)(normalize_title)


def build_index(
    surveys: dict[str, Survey],
    papers: dict[str, Paper],
    files: dict[tuple[str, str], str] | None = None,
) -> Atlas:
    ordered_surveys = dict(sorted(surveys.items(), key=lambda item: _survey_order(item[1])))
    ordered_papers = {p.id: p for p in newest_first(papers.values())}
    topics, roots = _topic_entries(ordered_surveys)
    survey_papers: dict[str, list[str]] = {sid: [] for sid in ordered_surveys}
    for paper in ordered_papers.values():
        for path in paper.topics:
            entry = topics.get(path)
            if entry is not None:
                entry.papers.append(paper.id)
        for sid in paper.surveys:
            if sid in survey_papers:
                survey_papers[sid].append(paper.id)
    _count_subtrees(topics, ordered_papers)
    return Atlas(
        surveys=ordered_surveys,
        papers=ordered_papers,
        topics=topics,
        roots=roots,
        survey_papers=survey_papers,
        related=related_papers(ordered_papers),
        overlap=survey_overlap(ordered_papers, ordered_surveys),
        bibkeys=bibtex.assign_keys(ordered_papers.values()),
        files=dict(files or {}),
    )


def _survey_order(survey: Survey) -> tuple[int, int, str]:
    # Surveys first (newest first), then collections; ties by title.
    return (0 if survey.kind == "survey" else 1, -(survey.year or 0), survey.title.casefold())


def _topic_entries(
    surveys: dict[str, Survey],
) -> tuple[dict[str, TopicEntry], dict[str, list[str]]]:
    topics: dict[str, TopicEntry] = {}
    roots: dict[str, list[str]] = {}
    for sid, survey in surveys.items():
        roots[sid] = []
        for node in walk(survey):
            topics[node.path] = TopicEntry(node.path, sid, node)
            if node.depth == 1:
                roots[sid].append(node.path)
            else:
                topics[node.parent].children.append(node.path)
    return topics, roots


def _count_subtrees(topics: dict[str, TopicEntry], papers: dict[str, Paper]) -> None:
    members: dict[str, set[str]] = defaultdict(set)
    for paper in papers.values():
        for path in paper.topics:
            if path not in topics:
                continue
            members[path].add(paper.id)
            for ancestor in topics[path].ancestors:
                members[ancestor].add(paper.id)
    for path, entry in topics.items():
        entry.total = len(members.get(path, ()))


def related_papers(papers: dict[str, Paper], limit: int = RELATED_LIMIT) -> dict[str, list[str]]:
    """Papers sharing the most topics (weight 2) and tags (weight 1) with each paper.

    Candidates come only from a window of date-neighbours in each shared topic and tag,
    which keeps the work linear however large a topic grows. Ties go to the paper nearest
    in date, then to the smaller id.
    """
    oldest = oldest_first(papers.values())  # a paper's index here is its rank by date
    if len(oldest) >= 1 << _FIELD:
        raise ValueError(f"related_papers handles fewer than {1 << _FIELD} papers")
    by_id = sorted(range(len(oldest)), key=lambda i: oldest[i].id)
    id_order = [0] * len(oldest)
    for order, index in enumerate(by_id):
        id_order[index] = order
    bits = _feature_bits(oldest)
    postings: dict[str, list[int]] = defaultdict(list)  # feature -> paper indexes, ascending
    for index, paper in enumerate(oldest):
        for feature in _features(paper):
            postings[feature].append(index)
    related: dict[str, list[str]] = {}
    mask = (1 << _FIELD) - 1
    for index, paper in enumerate(oldest):
        candidates: set[int] = set()
        for feature in _features(paper):
            ids = postings[feature]
            at = bisect_left(ids, index)
            candidates.update(ids[max(0, at - RELATED_WINDOW) : at + RELATED_WINDOW + 1])
        candidates.discard(index)
        mine = bits[index]
        # One integer per candidate sorts like (-shared, distance in date, id): shared
        # features in the high bits (inverted), then the date distance, then the id's order.
        keys = sorted(
            ((_MAX_SHARED - (mine & bits[c]).bit_count()) << (2 * _FIELD))
            | (abs(c - index) << _FIELD)
            | id_order[c]
            for c in candidates
        )
        related[paper.id] = [oldest[by_id[key & mask]].id for key in keys[:limit]]
    return {pid: related[pid] for pid in papers}


_FIELD = 21  # bits per field of the sort key: up to two million papers
_MAX_SHARED = 1 << 8  # above any paper's 2 x 40 topics + 20 tags


def _features(paper: Paper) -> list[str]:
    return ["t:" + t for t in paper.topics] + ["g:" + g for g in paper.tags]


def _feature_bits(papers: list[Paper]) -> list[int]:
    """Each paper's topics and tags as one integer: two bits per topic and one per tag, so
    ``(a & b).bit_count()`` is 2 x shared topics + shared tags."""
    numbers: dict[str, int] = {}
    bits = []
    for paper in papers:
        value = 0
        for topic in paper.topics:
            bit = numbers.setdefault("t:" + topic, len(numbers))
            value |= 0b11 << (2 * bit)
        for tag in paper.tags:
            bit = numbers.setdefault("g:" + tag, len(numbers))
            value |= 0b01 << (2 * bit)
        bits.append(value)
    return bits


def survey_overlap(
    papers: dict[str, Paper], surveys: dict[str, Survey]
) -> dict[tuple[str, str], int]:
    """How many papers each pair of surveys shares; the diagonal holds each survey's total."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for paper in papers.values():
        listed = sorted(s for s in paper.surveys if s in surveys)
        for sid in listed:
            counts[(sid, sid)] += 1
        for left, right in combinations(listed, 2):
            counts[(left, right)] += 1
            counts[(right, left)] += 1
    return dict(counts)
