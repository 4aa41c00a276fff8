"""The visual timeline: papers placed by month, one row per group (a survey or a topic).

In the spirit of the surveys' own timeline figures: a dot per group and month, sized by
how many papers it holds, and the short names of some papers written beside their dots.
The size is bounded by groups x months whatever the number of papers, so the figure
stays small at 10,000 papers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..atlas import Atlas
from ..schema import Paper
from ..views import MONTHS
from . import draw as d

WIDTH = 960
LABEL_COLUMN = 170
RIGHT_PAD = 24
ROW_HEIGHT = 46
TOP = 28
BOTTOM = 22
MAX_LABELS_PER_ROW = 12
MAX_RADIUS = 9.0
MAX_YEARS = 12  # years drawn month by month; older papers share one column
EARLY_WIDTH = 44
NAME_LIMIT = 22  # characters of a paper's short name written on the chart


@dataclass(frozen=True)
class Row:
    label: str
    papers: Sequence[Paper]


def month_index(paper: Paper) -> int:
    """Months since year 0; a paper known only by its year sits in its middle (July)."""
    year, month, _ = paper.date_key
    return year * 12 + ((month or 7) - 1)


def month_label(index: int) -> str:
    return f"{MONTHS[index % 12]} {index // 12}"


def short_name(title: str) -> str:
    """What the chart calls a paper: the name before a colon ("QLoRA"), else the title,
    shortened."""
    head, sep, _ = title.partition(":")
    if sep and 0 < len(head.strip()) <= NAME_LIMIT:
        return head.strip()
    return title if len(title) <= NAME_LIMIT else title[: NAME_LIMIT - 1].rstrip() + "…"


def has_name(title: str) -> bool:
    head, sep, _ = title.partition(":")
    return bool(sep) and len(head.strip()) <= NAME_LIMIT


@dataclass(frozen=True)
class Scale:
    """Months along the x axis. Papers older than ``first`` (a few classics) share one
    "earlier" column at the left, so they do not squeeze the busy recent years."""

    first: int  # month index of the first January shown
    last: int  # month index just past the last December shown
    early: bool  # whether an "earlier" column is drawn
    EARLY = -1  # the key of that column

    @property
    def left(self) -> float:
        return LABEL_COLUMN + (EARLY_WIDTH if self.early else 0)

    @property
    def step(self) -> float:
        return (WIDTH - RIGHT_PAD - self.left) / max(1, self.last - self.first)

    def key(self, paper: Paper) -> int:
        month = month_index(paper)
        return self.EARLY if month < self.first else month

    def x(self, key: int) -> float:
        if key == self.EARLY:
            return LABEL_COLUMN + EARLY_WIDTH / 2
        return self.left + (key - self.first + 0.5) * self.step

    def label(self, key: int) -> str:
        return f"before {self.first // 12}" if key == self.EARLY else month_label(key)


def make_scale(papers: Sequence[Paper]) -> Scale:
    years = sorted(p.year for p in papers)
    newest = years[-1]
    # Start where all but about 3% of the papers are, and show at most MAX_YEARS years.
    start = max(years[len(years) * 3 // 100], newest - MAX_YEARS + 1)
    start = min(start, newest)
    return Scale(start * 12, (newest + 1) * 12, years[0] < start)


def _labels(months: dict[int, list[Paper]], scale: Scale) -> list[tuple[float, int, str]]:
    """Papers to name on one row as (x, lane, name): named models first, then other
    titles, in two lanes (above and below the dots) where no two labels overlap."""
    lanes: list[list[tuple[float, float]]] = [[], []]  # (x, half width) taken per lane
    chosen: list[tuple[float, int, str]] = []
    # Named models first; among them, the first of each year before the second of any
    # year, so names spread along the whole row instead of crowding its start.
    candidates = sorted(
        ((key, p) for key, ps in months.items() for p in ps),
        key=lambda item: (not has_name(item[1].title), item[1].date_key, item[1].id),
    )
    seen: dict[tuple[bool, int], int] = defaultdict(int)
    rank: dict[str, int] = {}
    for _key, paper in candidates:
        group = (has_name(paper.title), paper.year)
        rank[paper.id] = seen[group]
        seen[group] += 1
    ordered = sorted(
        candidates,
        key=lambda item: (not has_name(item[1].title), rank[item[1].id], item[1].date_key),
    )
    for key, paper in ordered:
        if len(chosen) >= MAX_LABELS_PER_ROW:
            break
        name = short_name(paper.title)
        half = len(name) * d.CHAR_WIDTH / 2 + 4
        x = min(max(scale.x(key), LABEL_COLUMN + half), WIDTH - half)  # stay on the chart
        for lane, taken in enumerate(lanes):
            if all(abs(x - cx) >= half + ch for cx, ch in taken):
                taken.append((x, half))
                chosen.append((x, lane, name))
                break
    return chosen


def draw_timeline(chart_id: str, label: str, rows: list[Row]) -> d.Chart:
    papers = [p for row in rows for p in row.papers]
    rows = [row for row in rows if row.papers]
    if not papers:
        empty = d.Table(label, ["Group", "Papers"], [])
        return d.Chart(chart_id, d.svg(chart_id, WIDTH, 40, label, "No papers yet.", []), empty)
    scale = make_scale(papers)
    height = TOP + ROW_HEIGHT * len(rows) + BOTTOM
    body = _axis(scale, height)
    for index, row in enumerate(rows):
        body += _row(row, TOP + index * ROW_HEIGHT, scale)
    years = list(range(scale.first // 12, scale.last // 12))
    since = f"before {years[0]} and " if scale.early else ""
    description = (
        f"{len(papers)} paper placements from {since}{years[0]} to {years[-1]}, in "
        f"{len(rows)} rows: "
        + "; ".join(f"{row.label}, {len(row.papers)}" for row in rows)
        + ". A table with the same numbers follows the figure."
    )
    table = _table(label, rows, years, scale.early)
    svg = d.svg(chart_id, WIDTH, height, label, description, body, "sa-viz sa-viz--timeline")
    return d.Chart(chart_id, svg, table)


def _axis(scale: Scale, height: float) -> list[str]:
    parts = []
    if scale.early:
        x = LABEL_COLUMN + EARLY_WIDTH / 2
        parts.append(d.text(x, TOP - 10, "earlier", "sa-viz__axis", "middle"))
    for month in range(scale.first, scale.last + 1, 12):
        x = scale.left + (month - scale.first) * scale.step
        parts.append(d.line(x, TOP - 6, x, height - BOTTOM + 4, "sa-viz__grid"))
        if month < scale.last:
            year = month // 12
            mark = str(year) if scale.last - scale.first <= 96 else f"’{year % 100:02d}"
            parts.append(d.text(x + 6 * scale.step, TOP - 10, mark, "sa-viz__axis", "middle"))
    return parts


def _row(row: Row, top: float, scale: Scale) -> list[str]:
    middle = top + ROW_HEIGHT / 2
    name = d.fit(row.label, LABEL_COLUMN - 14)
    parts = [
        d.line(LABEL_COLUMN, middle, WIDTH - RIGHT_PAD, middle, "sa-viz__lane"),
        d.text(LABEL_COLUMN - 10, middle + 4, name, "sa-viz__row", "end"),
    ]
    months: dict[int, list[Paper]] = defaultdict(list)
    for paper in row.papers:
        months[scale.key(paper)].append(paper)
    for key in sorted(months):
        members = months[key]
        radius = min(MAX_RADIUS, 2.5 + 1.6 * math.sqrt(len(members) - 1))
        count = f"{len(members)} papers" if len(members) > 1 else members[0].title
        tip = f"{row.label}, {scale.label(key)}: {count}"
        parts.append(d.circle(scale.x(key), middle, radius, "sa-viz__dot", tip))
    for x, lane, text in _labels(months, scale):
        y = middle - 12 if lane == 0 else middle + 20
        parts.append(d.text(x, y, text, "sa-viz__name", "middle"))
    return parts


def _table(label: str, rows: list[Row], years: list[int], early: bool) -> d.Table:
    body = []
    for row in rows:
        counts: dict[int, int] = defaultdict(int)
        for paper in row.papers:
            counts[max(paper.year, years[0] - 1)] += 1
        cells = ([str(counts[years[0] - 1])] if early else []) + [str(counts[y]) for y in years]
        body.append([row.label, *cells, str(len(row.papers))])
    head = ["", *([f"Before {years[0]}"] if early else []), *map(str, years), "All"]
    return d.Table(f"{label}: papers per year", head, body)


def atlas_timeline(atlas: Atlas) -> d.Chart:
    """Every survey's papers by month, a row per survey."""
    rows = [
        Row(survey.display_title, [atlas.papers[pid] for pid in atlas.survey_papers[sid]])
        for sid, survey in atlas.surveys.items()
    ]
    return draw_timeline("timeline-all", "Papers by month in each survey", rows)


def survey_timeline(atlas: Atlas, survey_id: str) -> d.Chart:
    """One survey's papers by month, a row per top-level topic (with its subtopics)."""
    rows = []
    for root in atlas.roots[survey_id]:
        members: dict[str, None] = {}
        for path, entry in atlas.topics.items():
            if path == root or path.startswith(root + "/"):
                members.update(dict.fromkeys(entry.papers))
        rows.append(Row(atlas.topics[root].name, [atlas.papers[pid] for pid in members]))
    title = f"{atlas.surveys[survey_id].display_title}: papers by month in each topic"
    return draw_timeline(f"timeline-{survey_id}", title, rows)
