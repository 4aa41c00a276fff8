"""Jekyll posts (the MM-LLMs site): one paper per post, with the survey's facets.

A post is front matter (title = model name, date, categories = venue, tags = kind of
entry) and a bullet body of fields: ``Paper: [Title](URL)``, ``[GitHub Link](URL)``,
``Publisher: `Venue` ``, ``Author Affiliation: `...` ``, check-boxes for the
functional and design divisions, and ``I+T $\\rightarrow$ T`` for the modalities. The
tag decides the topic (through the map, e.g. ``Evaluation Benchmark: benchmarks``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .. import ids
from ..errors import UsageError
from ..schema import Survey
from . import read_source
from .lineparse import clean_title
from .links import CODE_HOSTS, clean_url, sort_links
from .mapping import ImportMap
from .mdtree import Block, build_tree
from .records import Candidate, Skip, one_line
from .spans import Span, flatten, links_of, make_parser, text_of
from .venues import parse_date, parse_venue

# The site's modality notation; a map file's ``facets:`` section can add or override.
NOTATION = {
    "I": "image", "V": "video", "A": "audio", "3D": "point-cloud", "T": "text",
    "I_D": "document", "I_B": "bounding-box", "B": "bounding-box", "I_M": "mask",
    "I_R": "retrieved-image", "Tab": "table", "Web": "web-page", "Action": "action",
    "Observation": "observation", "Plan": "plan",
}  # fmt: skip
_ARROW = re.compile(r"\$\\rightarrow\$|→|->|\\rightarrow")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:_[A-Za-z]+)?")
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xX])\]\s*(?P<label>.+)$")
_FRONT = re.compile(r"\A---\s*\n(?P<front>.*?)\n---\s*\n", re.DOTALL)


def extract_posts(
    folder: Path, survey: Survey, mapping: ImportMap
) -> tuple[list[Candidate], list[Skip]]:
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of posts")
    candidates: list[Candidate] = []
    skipped: list[Skip] = []
    for path in sorted(folder.glob("*.md")):
        candidate, skip = read_post(path, survey, mapping)
        if candidate is not None:
            candidates.append(candidate)
        if skip is not None:
            skipped.append(skip)
    return candidates, skipped


def read_post(
    path: Path, survey: Survey, mapping: ImportMap
) -> tuple[Candidate | None, Skip | None]:
    text = read_source(path).replace("\r\n", "\n")
    match = _FRONT.match(text)
    if match is None:
        return None, Skip(1, one_line(text[:120]), "no front matter (--- ... ---)", 1, str(path))
    try:
        front = yaml.load(match.group("front"), Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as exc:
        return None, Skip(1, one_line(match.group("front")), f"front matter: {exc}", 1, str(path))
    offset = text.count("\n", 0, match.end())
    items = _items(text[match.end() :])
    fields = {_key(spans): (spans, children, lines) for spans, children, lines in items}
    paper = fields.get("paper")
    if paper is None:
        return None, None  # a page of the site (tutorial, about), not an entry
    spans, _, (first, last) = paper
    c = Candidate(first + offset, last + offset, one_line(text_of(spans)), source=str(path))
    _paper_line(c, spans)
    _other_fields(c, fields)
    c.name = str(front.get("title") or "") or None
    c.section = tuple(_as_list(front.get("tags")))
    date = parse_date(str(front.get("date", "")))
    if date and not c.year:
        c.year, c.month = date
    c.end = offset + max(lines[1] for _, _, lines in items)
    c.facets = facets_of(fields, survey, mapping)
    return c, None


def _items(body: str) -> list[tuple[list[Span], list[list[Span]], tuple[int, int]]]:
    """Top-level bullets: (own spans, sub-item spans, (first, last) line)."""
    found = []
    for block in build_tree(make_parser().parse(body)):
        if block.type != "bullet_list":
            continue
        for item in block.children:
            own = _spans(item)
            subs = [
                _spans(sub) for sub in item.walk() if sub.type == "list_item" and sub is not item
            ]
            found.append((own, subs, item.lines))
    return found


def _spans(item: Block) -> list[Span]:
    para = next((c for c in item.children if c.type == "paragraph"), None)
    inline = para.first("inline") if para else None
    return flatten(inline.token.children or []) if inline else []


def _key(spans: list[Span]) -> str:
    text = text_of(spans)
    if spans and spans[0].href is not None:
        return (
            "code" if "github" in text.lower() else "project" if "project" in text.lower() else ""
        )
    head = text.split(":", 1)[0] if ":" in text else text
    return " ".join(ids.slugify(head.split("<")[0].split("$")[0]).split("-"))


def _paper_line(c: Candidate, spans: list[Span]) -> None:
    pairs = links_of(spans)
    if pairs:
        c.title = clean_title(text_of([s for s in spans if s.href == pairs[0][0]]))
    facts = sort_links([(href, "paper") for href, _ in pairs])
    c.arxiv, c.doi, c.links = facts.arxiv, facts.doi, dict(facts.links)
    c.bad_arxiv = facts.bad_arxiv if not c.arxiv else None


def _other_fields(c: Candidate, fields: dict[str, Any]) -> None:
    for kind in ("code", "project"):
        if kind in fields:
            for href, _ in links_of(fields[kind][0]):
                url = clean_url(href)
                if url:
                    c.links.setdefault(_link_kind(url, kind), url)
    if "publisher" in fields:
        c.venue, year = parse_venue(_value(fields["publisher"][0]))
        c.year = c.year or year
    if "author affiliation" in fields:
        orgs = re.split(r"\s*(?:&|;)\s*", _value(fields["author affiliation"][0]))
        c.organizations = [o for o in orgs if o and len(o) <= 160]


def _link_kind(url: str, label_kind: str) -> str:
    """What a post's link is: its label says "GitHub Link" even for a project page
    (``*.github.io``) or a Hugging Face dataset, so the address decides."""
    host = (urlsplit(url).hostname or "").lower()
    if host.endswith(CODE_HOSTS):
        return "code"
    if host == "huggingface.co":
        return "data" if urlsplit(url).path.startswith("/datasets/") else "model"
    return "project" if label_kind == "code" else label_kind


def _value(spans: list[Span]) -> str:
    text = "".join(s.text for s in spans if s.html is None)
    return text.split(":", 1)[1].strip().strip("`").strip() if ":" in text else ""


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    return [str(value)] if value else []


def facets_of(fields: dict[str, Any], survey: Survey, mapping: ImportMap) -> dict[str, Any]:
    declared = {facet.id: facet for facet in survey.facets}
    chosen: dict[str, list[str]] = {}
    for key, facet_id in (("functional division", "function"), ("design division", "design")):
        if key in fields:
            chosen[facet_id] = [_slug(label) for label in _checked(fields[key][1])]
    modalities = next((v for k, v in fields.items() if k.startswith("input modalities")), None)
    if modalities and modalities[1]:
        raw = "".join(span.html or span.text for span in modalities[1][0])  # keeps <sub>
        sides = _ARROW.split(raw)
        if len(sides) == 2:
            chosen["input"] = _modalities(sides[0], "input", mapping)
            chosen["output"] = _modalities(sides[1], "output", mapping)
    out: dict[str, Any] = {}
    for facet_id, values in chosen.items():
        facet = declared.get(facet_id)
        if facet is None:
            continue
        options = {o.id for o in facet.options} | set()
        names = {ids.slugify(o.name): o.id for o in facet.options}
        kept = list(dict.fromkeys(names.get(v, v) for v in values if names.get(v, v) in options))
        if kept:
            out[facet_id] = kept if facet.multiple else kept[0]
    return out


def _checked(subs: list[list[Span]]) -> list[str]:
    labels = []
    for spans in subs:
        match = _CHECKBOX.match(text_of(spans))
        if match and match.group("mark").lower() == "x":
            labels.append(match.group("label"))
    return labels


def _slug(label: str) -> str:
    return ids.slugify(label)


def _modalities(text: str, facet: str, mapping: ImportMap) -> list[str]:
    table = {**NOTATION, **mapping.facets.get(facet, {})}
    text = re.sub(r"<sub>\s*(\w+)\s*</sub>", r"_\1", text)
    text = re.sub(r"\([^()]*\)(?=\s*[+/]|\s*$)", "", text)  # A(Speech+Music) -> A
    return [table[t] for t in _TOKEN.findall(text) if t in table]
