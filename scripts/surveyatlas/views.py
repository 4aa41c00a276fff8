"""View models: exactly what each template shows, computed in Python.

Templates never see raw YAML or models; they get display strings, ordered lists and
site-relative URLs (``papers/llava/``), to which each page prefixes its ``base``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import bibtex
from .atlas import Atlas, TopicEntry, oldest_first
from .markup import paragraphs
from .schema import OTHERS, Paper, Survey

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MAX_AUTHORS_SHOWN = 8
LINK_LABELS = {
    "paper": "Paper",
    "pdf": "PDF",
    "code": "Code",
    "project": "Project",
    "demo": "Demo",
    "data": "Data",
    "model": "Model",
    "video": "Video",
    "blog": "Blog",
}


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    kind: str


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


@dataclass(frozen=True)
class PaperCard:
    id: str
    url: str
    title: str
    authors: str
    date: str
    date_iso: str
    venue: str
    links: list[Link]
    summary: list[str]
    surveys: list[Crumb]


@dataclass(frozen=True)
class TreeNode:
    name: str
    url: str
    total: int
    children: list[TreeNode] = field(default_factory=list)


# --------------------------------------------------------------------------- formatting


def format_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def format_authors(authors: list[str], limit: int = MAX_AUTHORS_SHOWN) -> str:
    named = [a for a in authors if a != OTHERS]
    shortened = len(named) > limit or authors[-1] == OTHERS
    shown = named[: limit - 2] if len(named) > limit else named
    text = ", ".join(shown)
    if not shortened:
        return text
    return f"{text} et al." if len(shown) == 1 else f"{text}, et al."


def paper_links(paper: Paper) -> list[Link]:
    links = []
    if paper.arxiv:
        links.append(Link("arXiv", f"https://arxiv.org/abs/{paper.arxiv}", "arxiv"))
    if paper.doi:
        links.append(Link("DOI", bibtex.doi_url(paper.doi), "doi"))
    links += [Link(LINK_LABELS[kind], url, kind) for kind, url in paper.links.items()]
    return links


def survey_links(survey: Survey) -> list[Link]:
    links = []
    if survey.arxiv:
        links.append(Link("arXiv", f"https://arxiv.org/abs/{survey.arxiv}", "arxiv"))
    elif survey.links.paper:
        links.append(Link("Paper", survey.links.paper, "paper"))
    if survey.links.repo:
        links.append(Link("Repository", survey.links.repo, "repo"))
    if survey.links.site:
        links.append(Link("Website", survey.links.site, "site"))
    return links


# --------------------------------------------------------------------------- URLs


def survey_url(survey_id: str) -> str:
    return f"surveys/{survey_id}/"


def topic_url(path: str) -> str:
    return f"surveys/{path}/"


def paper_url(paper_id: str) -> str:
    return f"papers/{paper_id}/"


def base_for(url: str) -> str:
    """The relative prefix from a page at ``url`` back to the site root."""
    return "../" * url.count("/")


# --------------------------------------------------------------------------- cards


def paper_card(paper: Paper, atlas: Atlas) -> PaperCard:
    # A paper appears on many pages (topics, timeline, related lists): build its card once.
    if atlas.papers.get(paper.id) is not paper:
        return _paper_card(paper, atlas)
    key = ("card", paper.id)
    card = atlas.memo.get(key)
    if card is None:
        card = atlas.memo[key] = _paper_card(paper, atlas)
    return card  # type: ignore[no-any-return]


def _paper_card(paper: Paper, atlas: Atlas) -> PaperCard:
    return PaperCard(
        id=paper.id,
        url=paper_url(paper.id),
        title=paper.title,
        authors=format_authors(paper.authors),
        date=format_date(paper.date),
        date_iso=paper.date,
        venue=paper.venue or "",
        links=paper_links(paper),
        summary=paragraphs(paper.summary) if paper.summary else [],
        surveys=[
            Crumb(atlas.surveys[sid].display_title, survey_url(sid))
            for sid in paper.surveys
            if sid in atlas.surveys
        ],
    )


def topic_trail(atlas: Atlas, path: str) -> list[Crumb]:
    entry = atlas.topics[path]
    survey = atlas.surveys[entry.survey_id]
    crumbs = [Crumb(survey.display_title, survey_url(survey.id))]
    crumbs += [Crumb(step.name, topic_url(step.path)) for step in atlas.topic_trail(path)]
    return crumbs


def tree(atlas: Atlas, paths: list[str]) -> list[TreeNode]:
    nodes = []
    for path in paths:
        entry = atlas.topics[path]
        nodes.append(
            TreeNode(entry.name, topic_url(path), entry.total, tree(atlas, entry.children))
        )
    return nodes


def listings(atlas: Atlas, paper: Paper) -> list[list[Crumb]]:
    """Each survey and topic that lists the paper, as a breadcrumb trail."""
    return [topic_trail(atlas, path) for path in paper.topics if path in atlas.topics]


def topic_papers(atlas: Atlas, entry: TopicEntry) -> list[PaperCard]:
    return [paper_card(atlas.papers[pid], atlas) for pid in entry.papers]


def timeline_cards(atlas: Atlas, papers: list[Paper]) -> list[PaperCard]:
    return [paper_card(p, atlas) for p in oldest_first(papers)]
