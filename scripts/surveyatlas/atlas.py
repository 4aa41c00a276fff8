"""The index: validated content arranged for rendering and export.

``build_index`` is linear in the number of papers: cross-listing, counts, related
papers and the survey-overlap matrix never compare every paper with every other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

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
    ordered = sorted(papers, key=lambda p: (normalize_title(p.title), p.id))
    return sorted(ordered, key=lambda p: p.date_key, reverse=True)


def oldest_first(papers: Iterable[Paper]) -> list[Paper]:
    ordered = sorted(papers, key=lambda p: (normalize_title(p.title), p.id))
    return sorted(ordered, key=lambda p: p.date_key)


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
    which keeps the work linear however large a topic grows.
    """
    postings: dict[str, list[str]] = defaultdict(list)  # feature -> paper ids, oldest first
    for paper in oldest_first(papers.values()):
        for topic in paper.topics:
            postings["t:" + topic].append(paper.id)
        for tag in paper.tags:
            postings["g:" + tag].append(paper.id)
    position = {(feature, pid): i for feature, ids in postings.items() for i, pid in enumerate(ids)}
    rank = {pid: i for i, pid in enumerate(p.id for p in oldest_first(papers.values()))}
    related: dict[str, list[str]] = {}
    for pid, paper in papers.items():
        features = ["t:" + t for t in paper.topics] + ["g:" + g for g in paper.tags]
        candidates: set[str] = set()
        for feature in features:
            ids = postings[feature]
            i = position[(feature, pid)]
            low = max(0, i - RELATED_WINDOW)
            candidates.update(ids[low : i + RELATED_WINDOW + 1])
        candidates.discard(pid)
        topics, tags = set(paper.topics), set(paper.tags)

        def score(
            other: str, pid: str = pid, topics: set[str] = topics, tags: set[str] = tags
        ) -> tuple[int, int, str]:
            theirs = papers[other]
            shared = 2 * len(topics.intersection(theirs.topics)) + len(
                tags.intersection(theirs.tags)
            )
            return (-shared, abs(rank[other] - rank[pid]), other)

        related[pid] = sorted(candidates, key=score)[:limit]
    return related


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
