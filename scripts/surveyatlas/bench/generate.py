"""Realistic synthetic atlases for benchmarks and scale tests.

:func:`generate_atlas` writes ``surveys/*.yml`` and ``papers/*.yml`` into a content
folder. The files pass ``surveyatlas check`` with no errors and no warnings, and the
same ``(papers, surveys, seed)`` always gives byte-identical files.

What "realistic" means here (the real atlas and the surveys' own lists were the guide):

* surveys: 8 at 1,000 papers, 15 at 10,000, 20 at 50,000 (fewer below 1,000); each has
  a 2-3 level taxonomy of about 20 (1k), 26 (10k) or 30 (50k) topics, so about 160,
  390 and 600 topics in all. Papers are filed mostly under leaves, and topic popularity
  is skewed: a few topics hold hundreds of papers (several topic pages), most hold tens.
* papers: titles of 60-120 characters, 3-12 authors (a quarter end with ``others``),
  summaries of about 300 characters, a venue on half of them, a code link on 40%,
  organisations on 60%, 0-5 tags; about 25% are cross-listed in two or more surveys.
* dates lean to recent years as LLM research does (about 75% in 2023-2025); 90% of
  papers have an arXiv id whose month matches the date, the rest a DOI or a paper URL.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..ids import normalize_title, slugify
from . import vocabulary as v

YEAR_WEIGHTS = {2017: 1, 2018: 2, 2019: 3, 2020: 4, 2021: 6, 2022: 10, 2023: 24, 2024: 28}
YEAR_WEIGHTS |= {2025: 20, 2026: 2}
LAST_MONTH = (2026, 6)  # no date later than this, so the files stay valid from then on
ADDED_RANGE = (dt.date(2025, 1, 6), dt.date(2026, 6, 30))
CROSS_LIST_SHARE = 0.25
_PLAIN = re.compile(r"[A-Za-z(][^:#\"'{}\[\]\n]*[^ :]")
_RESERVED = frozenset({"page", "index", "assets", "search"})


@dataclass(frozen=True)
class GeneratedAtlas:
    """What :func:`generate_atlas` wrote."""

    content_dir: Path
    papers: int
    surveys: int
    topics: int
    cross_listed: int  # papers filed under two or more surveys
    paper_ids: tuple[str, ...] = field(repr=False)
    survey_ids: tuple[str, ...] = ()


def default_survey_count(papers: int) -> int:
    if papers < 1000:
        return max(1, min(papers, round(8 * math.sqrt(papers / 1000))))
    return round(8 + 12 * math.log(papers / 1000) / math.log(50))


def topics_per_survey(papers: int, surveys: int) -> int:
    target = 20 if papers < 1000 else round(20 + 10 * math.log(papers / 1000) / math.log(50))
    return max(1, min(target, papers // (surveys * 2)))


def generate_atlas(
    content_dir: Path, papers: int, *, surveys: int | None = None, seed: int = 0
) -> GeneratedAtlas:
    """Write a synthetic atlas of ``papers`` papers into ``content_dir``.

    ``surveys`` defaults to :func:`default_survey_count`. Existing files in
    ``content_dir/surveys`` and ``content_dir/papers`` with the same names are replaced.
    """
    survey_count = surveys or default_survey_count(papers)
    if papers < 1 or not 1 <= survey_count <= papers:
        raise ValueError("need at least one paper, and at least one paper per survey")
    rng = random.Random(seed)
    per_survey = topics_per_survey(papers, survey_count)
    taxonomies = [_taxonomy(rng, per_survey) for _ in range(survey_count)]
    survey_ids = _survey_ids(survey_count)
    (content_dir / "surveys").mkdir(parents=True, exist_ok=True)
    (content_dir / "papers").mkdir(parents=True, exist_ok=True)
    for index, (sid, tree) in enumerate(zip(survey_ids, taxonomies, strict=True)):
        text = _survey_yaml(rng, sid, v.AREAS[index % len(v.AREAS)], index, tree)
        (content_dir / "surveys" / f"{sid}.yml").write_text(text, encoding="utf-8")
    pairs = list(zip(survey_ids, taxonomies, strict=True))
    leaves = [[f"{sid}/{path}" for path in _leaf_paths(tree)] for sid, tree in pairs]
    inner = [[f"{sid}/{path}" for path in _inner_paths(tree)] for sid, tree in pairs]
    writer = _PaperWriter(rng, leaves, inner)
    ids = []
    for number in range(papers):
        paper_id, text = writer.paper(number)
        (content_dir / "papers" / f"{paper_id}.yml").write_text(text, encoding="utf-8")
        ids.append(paper_id)
    topics = sum(len(_all_paths(tree)) for tree in taxonomies)
    return GeneratedAtlas(
        content_dir, papers, survey_count, topics, writer.cross_listed, tuple(ids), survey_ids
    )


# --------------------------------------------------------------------------- surveys

Tree = list[tuple[str, str, "Tree"]]  # (id, name, children)


def _survey_ids(count: int) -> tuple[str, ...]:
    ids = []
    for index in range(count):
        base = slugify(v.AREAS[index % len(v.AREAS)], max_length=40)
        ids.append(base if index < len(v.AREAS) else f"{base}-{index // len(v.AREAS) + 1}")
    return tuple(ids)


def _taxonomy(rng: random.Random, size: int) -> Tree:
    """A random tree of ``size`` nodes, at most three levels, 4-9 top-level topics."""
    top = min(size, rng.randint(4, 9))
    roots: Tree = []
    for count in range(top):
        roots.append(_node(rng, roots, count))
    # Lists that may take another child, with the depth that child would have.
    open_lists = [(node[2], 2) for node in roots]
    for count in range(size - top):
        weights = [3 if depth == 2 else 1 for _, depth in open_lists]
        children, depth = rng.choices(open_lists, weights=weights)[0]
        child = _node(rng, children, count)
        children.append(child)
        if depth < 3:
            open_lists.append((child[2], depth + 1))
    return roots


def _node(rng: random.Random, siblings: Tree, count: int) -> tuple[str, str, Tree]:
    taken = {sibling[0] for sibling in siblings}
    name = rng.choice(v.TOPIC_NAMES)
    while slugify(name) in taken:
        name = f"{rng.choice(v.TOPIC_NAMES)} {count + 2}"
    return (slugify(name), name, [])


def _all_paths(tree: Tree, prefix: str = "") -> list[str]:
    paths = []
    for node_id, _, children in tree:
        path = f"{prefix}{node_id}"
        paths.append(path)
        paths += _all_paths(children, path + "/")
    return paths


def _leaf_paths(tree: Tree, prefix: str = "") -> list[str]:
    paths = []
    for node_id, _, children in tree:
        path = f"{prefix}{node_id}"
        paths += _leaf_paths(children, path + "/") if children else [path]
    return paths


def _inner_paths(tree: Tree, prefix: str = "") -> list[str]:
    paths = []
    for node_id, _, children in tree:
        if children:
            paths.append(f"{prefix}{node_id}")
            paths += _inner_paths(children, f"{prefix}{node_id}/")
    return paths


def _survey_yaml(rng: random.Random, sid: str, area: str, index: int, tree: Tree) -> str:
    year = rng.choice((2023, 2024, 2025))
    lines = [
        "# yaml-language-server: $schema=../schemas/survey.schema.json",
        f"id: {sid}",
        "kind: survey",
        f"title: {_scalar(f'A Survey on {area}')}",
        f"short_title: {_scalar(area)}",
        f"authors: [{', '.join(_authors(rng, 5))}, others]",
        f"year: {year}",
        f'arxiv: "{year % 100:02d}{rng.randint(1, 12):02d}.{90000 + index:05d}"',
        "links:",
        f"  repo: https://github.com/atlas-bench/{sid}",
        f"description: A synthetic survey of {area.lower()}, generated for benchmarks.",
        "taxonomy:",
    ]
    lines += _tree_yaml(tree, "  ")
    return "\n".join(lines) + "\n"


def _tree_yaml(tree: Tree, indent: str) -> list[str]:
    lines = []
    for node_id, name, children in tree:
        lines.append(f"{indent}- id: {node_id}")
        lines.append(f"{indent}  name: {_scalar(name)}")
        lines.append(f"{indent}  description: Work on {name.lower()}, as the survey groups it.")
        if children:
            lines.append(f"{indent}  children:")
            lines += _tree_yaml(children, indent + "    ")
    return lines


# --------------------------------------------------------------------------- papers


class _PaperWriter:
    def __init__(self, rng: random.Random, leaves: list[list[str]], inner: list[list[str]]):
        self.rng = rng
        self.leaves = leaves
        self.inner = inner
        # Skewed popularity: surveys and topics drawn with Zipf-like weights.
        self.survey_weights = [1 / (rank + 1) ** 0.6 for rank in range(len(leaves))]
        self.leaf_weights = [[1 / (r + 1) ** 0.9 for r in range(len(ls))] for ls in leaves]
        self.guaranteed = [path for paths in leaves for path in paths]  # one paper each
        self.titles: set[str] = set()  # titles without their model names
        self.names: set[str] = set()
        self.ids: set[str] = set()
        self.bases: dict[str, int] = {}  # id stem -> how many papers used it
        self.arxiv_next: dict[tuple[int, int], int] = {}
        self.cross_listed = 0

    def paper(self, number: int) -> tuple[str, str]:
        rng = self.rng
        title, name = self._title()
        year, month, day = self._date()
        authors = _authors(rng, rng.randint(3, 12))
        paper_id = self._id(title, name, authors[0], year)
        if rng.random() < 0.25:
            authors[-1] = "others"
        lines = [
            "# yaml-language-server: $schema=../schemas/paper.schema.json",
            f"id: {paper_id}",
            f"title: {_scalar(title)}",
            "authors:",
            *(f"  - {name}" for name in authors),
            f"date: {_date_text(year, month, day)}",
        ]
        identifier = self._identifier(year, month, number)
        lines += identifier
        if rng.random() < 0.5:
            lines.append(f"venue: {_scalar(self._venue(year))}")
        lines += self._links(title, bool(identifier))
        if rng.random() < 0.6:
            orgs = rng.sample(v.ORGANIZATIONS, rng.randint(1, 3))
            lines += ["organizations:", *(f"  - {org}" for org in orgs)]
        lines += ["topics:", *(f"  - {path}" for path in self._topics(number))]
        tags = sorted(set(rng.choices(v.TAGS, k=rng.randint(0, 5))))
        if tags:
            lines.append(f"tags: [{', '.join(tags)}]")
        lines.append(f"summary: {_scalar(self._summary())}")
        lines.append(f"added: {self._added(year, month)}")
        return paper_id, "\n".join(lines) + "\n"

    def _title(self) -> tuple[str, str]:
        """A new title and the made-up model name in it.

        Names are unique and so is the rest of the title, so any two titles differ in
        at least two places, as real ones do (and the near-duplicate check stays quiet).
        """
        rng = self.rng
        name = self._name()
        while True:
            adj, noun, task = rng.choice(v.ADJECTIVES), rng.choice(v.NOUNS), rng.choice(v.TASKS)
            verb, pattern = rng.choice(v.VERBS), rng.randrange(5)
            if pattern == 0:
                title = f"{name}: {verb} {adj} {noun} for {task}"
            elif pattern == 1:
                title = f"{adj} {noun} for {task}: Lessons from {name}"
            elif pattern == 2:
                title = f"{name}: Towards {adj} {task} with {noun}"
            elif pattern == 3:
                title = f"{verb} {noun} with {name} Improves {task}"
            else:
                title = f"{name}: {adj} {noun} Meet {task}"
            if len(title) < 60:
                title += f" in {rng.choice(v.DOMAINS)}"
            core = normalize_title(title.replace(name, ""))
            if len(title) <= 120 and core not in self.titles:
                self.titles.add(core)
                return title, name

    def _name(self) -> str:
        rng = self.rng
        while True:
            syllables = rng.randint(2, 3)
            word = "".join(rng.choice(v.ONSETS) + rng.choice(v.VOWELS) for _ in range(syllables))
            name = word.capitalize()
            if rng.random() < 0.4:
                name += rng.choice(v.NAME_TAILS)
            if rng.random() < 0.3:
                name += f"-{rng.choice((1, 2, 3, 7, 13, 70))}B"
            if name.lower() not in self.names and slugify(name) not in _RESERVED:
                self.names.add(name.lower())
                return name

    def _date(self) -> tuple[int, int, int]:
        rng = self.rng
        year = rng.choices(list(YEAR_WEIGHTS), weights=list(YEAR_WEIGHTS.values()))[0]
        month = rng.randint(1, LAST_MONTH[1] if year == LAST_MONTH[0] else 12)
        day = rng.randint(1, 28)
        shape = rng.random()
        if shape < 0.7:
            return year, month, day
        return (year, month, 0) if shape < 0.97 else (year, 0, 0)

    def _id(self, title: str, name: str, first_author: str, year: int) -> str:
        """Like the real atlas: the model's name, or first author, year and a title word."""
        if self.rng.random() < 0.6:
            base = slugify(name, max_length=40)
        else:
            words = [
                w for w in re.findall(r"[a-z]+", title.replace(name, "").lower()) if len(w) > 3
            ]
            base = f"{slugify(first_author.split()[-1])}{year}{words[0] if words else 'paper'}"
        used = self.bases.get(base, 0)
        while True:
            used += 1
            candidate = base if used == 1 and base not in _RESERVED else f"{base}-{used}"
            if candidate not in self.ids:
                break
        self.bases[base] = used
        self.ids.add(candidate)
        return candidate

    def _identifier(self, year: int, month: int, number: int) -> list[str]:
        roll = self.rng.random()
        if roll >= 0.97:
            return []  # identified by its paper URL alone
        if roll < 0.9:
            key = (year, month or 1)
            serial = self.arxiv_next.get(key, self.rng.randint(1, 400))
            self.arxiv_next[key] = serial + self.rng.randint(1, 9)
            return [f'arxiv: "{year % 100:02d}{key[1]:02d}.{serial:05d}"']
        return [f"doi: 10.5555/atlas-bench.{year}.{number:06d}"]

    def _venue(self, year: int) -> str:
        venue = self.rng.choice(v.VENUES)
        return venue if venue in ("TACL", "TMLR") else f"{venue} {year + self.rng.randint(0, 1)}"

    def _links(self, title: str, identified: bool) -> list[str]:
        rng = self.rng
        links = []
        if not identified:
            links.append(f"  paper: https://openreview.net/forum?id=bench{len(self.ids):06d}")
        if rng.random() < 0.4:
            owner = slugify(rng.choice(v.ORGANIZATIONS), max_length=30)
            links.append(f"  code: https://github.com/{owner}/{slugify(title, max_length=30)}")
        if rng.random() < 0.1:
            links.append(f"  project: https://{slugify(title, max_length=20)}.github.io")
        return ["links:", *links] if links else []

    def _topics(self, number: int) -> list[str]:
        rng = self.rng
        count = len(self.leaves)
        if number < len(self.guaranteed):
            first = self.guaranteed[number]
            home = next(i for i, paths in enumerate(self.leaves) if first in paths)
            chosen = [first]
        else:
            home = rng.choices(range(count), weights=self.survey_weights)[0]
            chosen = [self._topic_in(home)]
        if rng.random() < 0.1:
            chosen.append(self._topic_in(home))
        if count > 1 and rng.random() < CROSS_LIST_SHARE:
            self.cross_listed += 1
            others = [i for i in range(count) if i != home]
            for survey in rng.sample(others, min(len(others), 1 + (rng.random() < 0.2))):
                chosen.append(self._topic_in(survey))
        return list(dict.fromkeys(chosen))

    def _topic_in(self, survey: int) -> str:
        rng = self.rng
        if self.inner[survey] and rng.random() < 0.1:
            return rng.choice(self.inner[survey])
        return rng.choices(self.leaves[survey], weights=self.leaf_weights[survey])[0]

    def _summary(self) -> str:
        rng = self.rng
        return (
            f"{rng.choice(v.SUMMARY_OPENERS)} {rng.choice(v.SUMMARY_METHODS)} "
            f"{rng.choice(v.SUMMARY_PURPOSES)}. {rng.choice(v.SUMMARY_RESULTS)} "
            f"{rng.choice(v.SUMMARY_RESULTS)}"
        )

    def _added(self, year: int, month: int) -> str:
        start, end = ADDED_RANGE
        published = dt.date(year, month or 1, 1)
        first = max(start, published)
        return (first + dt.timedelta(days=self.rng.randint(0, (end - first).days))).isoformat()


def _authors(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(v.FIRST_NAMES)} {rng.choice(v.LAST_NAMES)}"
        if name not in names:
            names.append(name)
    return names


def _date_text(year: int, month: int, day: int) -> str:
    if not month:
        return f'"{year}"'  # quoted: editors would read a bare year as a number
    return f"{year}-{month:02d}" if not day else f"{year}-{month:02d}-{day:02d}"


def _scalar(text: str) -> str:
    """A YAML scalar: plain when that reads back as the same string, else double-quoted."""
    return text if _PLAIN.fullmatch(text) else json.dumps(text, ensure_ascii=False)
