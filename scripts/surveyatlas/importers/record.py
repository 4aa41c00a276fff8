"""Record-style entries: a list item whose sub-items are ``key: value`` fields.

Reading-note collections write a paper as a bullet with fields under it
(``论文名称：Title``, ``论文地址：URL``, ``机构：...``); Jekyll posts use the same shape
(``Paper: [Title](URL)``, ``Publisher: `Venue` ``). Keys are matched without spaces
and case, in English or Chinese.
"""

from __future__ import annotations

import re

from .links import arxiv_in, bare_urls, clean_url, doi_in, sort_links
from .mdtree import Block
from .people import parse_authors, split_et_al
from .spans import Span, flatten, links_of, text_of
from .venues import parse_date, parse_venue

KEYS: dict[str, str] = {}
for _field, _names in {
    "title": "论文名称 论文标题 论文题目 标题 题目 title papertitle name",
    "paper": "论文地址 论文链接 论文 paper paperlink paperurl pdf arxiv url link",
    "code": "github地址 论文github地址 代码 代码地址 code github githublink coderepository",
    "project": "项目地址 项目主页 project projectlink homepage 论文示例",
    "organizations": "机构 单位 affiliation authoraffiliation affiliations institution",
    "venue": "会议 期刊 venue publisher publication conference",
    "authors": "作者 authors author",
    "date": "发表时间 时间 date published",
}.items():
    for _name in _names.split():
        KEYS[_name] = _field

_KEY = re.compile(r"^\s*(?P<key>[^:：`\[\]()]{1,24}?)\s*[:：]\s*(?P<value>.*)$", re.DOTALL)
_ORG_SPLIT = re.compile(r"\s*(?:&|;|；|、|\band\b)\s*")


def field_of(spans: list[Span]) -> tuple[str, list[Span]] | None:
    """(field, value spans) when the spans read ``Key: value`` with a known key."""
    if not spans:
        return None
    head = spans[0]
    if head.href is not None or head.html is not None:
        match = _KEY.match("".join(s.text for s in spans if s.html is None))
        if match is None and head.href is not None:
            label = text_of([s for s in spans if s.href == head.href])
            kind = KEYS.get(_norm(label.replace("link", "")))
            return (kind, spans) if kind in ("code", "project") else None
        return None
    match = _KEY.match(head.text)
    if not match:
        return None
    kind = KEYS.get(_norm(match.group("key")))
    if kind is None:
        return None
    value = [Span(match.group("value"))] if match.group("value") else []
    return kind, value + spans[1:]


def _norm(key: str) -> str:
    return re.sub(r"[\s_-]+", "", key).casefold()


def is_record(children: list[list[Span]]) -> bool:
    fields = {f[0] for f in (field_of(c) for c in children) if f}
    return bool(fields & {"title", "paper"})


def read_record(children: list[list[Span]]) -> dict[str, object]:
    """The fields of a record's sub-items: title, arxiv, doi, links, venue, authors..."""
    out: dict[str, object] = {"links": {}}
    links: dict[str, str] = out["links"]  # type: ignore[assignment]
    for spans in children:
        found = field_of(spans)
        if found is None:
            continue
        kind, value = found
        text = text_of(value).strip().strip("`").strip()
        if kind == "title":
            pairs = links_of(value)
            out.setdefault("title", text)
            if pairs:
                _read_urls(pairs, out, links, "paper")
        elif kind in ("paper", "code", "project"):
            pairs = links_of(value) + [(u, "") for u in bare_urls(text)]
            if kind == "paper" and not pairs and text:
                pairs = [(text, "")]
            _read_urls(pairs, out, links, kind)
        elif kind == "organizations" and text:
            out.setdefault("organizations", [o for o in _ORG_SPLIT.split(text) if o])
        elif kind == "venue" and text:
            venue, year = parse_venue(text)
            out.setdefault("venue", venue)
            if year:
                out.setdefault("year", year)
        elif kind == "authors" and text:
            names, shortened, _ = split_et_al(text)
            out.setdefault("authors", parse_authors(names, shortened))
        elif kind == "date" and text:
            out.setdefault("date", parse_date(text))
    return out


def _read_urls(
    pairs: list[tuple[str, str]], out: dict[str, object], links: dict[str, str], kind: str
) -> None:
    for href, _label in pairs:
        arxiv, bad = arxiv_in(href)
        if arxiv:
            out.setdefault("arxiv", arxiv)
            continue
        if bad:
            out.setdefault("bad_arxiv", href)
            continue
        doi = doi_in(href)
        if doi:
            out.setdefault("doi", doi)
            continue
        url = clean_url(href)
        if url:
            facts = sort_links([(url, "")])
            guessed = next(iter(facts.links), None)
            links.setdefault(kind if kind != "project" or guessed != "code" else "code", url)


def group_records(items: list[Block]) -> list[tuple[Block, list[Block]]]:
    """Items paired with the field items (``key: value``) that follow them."""
    groups: list[tuple[Block, list[Block]]] = []
    for item in items:
        spans = own_spans(item)
        has_children = any(c.type.endswith("_list") for c in item.children)
        if groups and not has_children and field_of(spans) is not None:
            groups[-1][1].append(item)
        else:
            groups.append((item, []))
    return groups


def record_name(spans: list[Span]) -> str | None:
    """A record's own line often names the model: ``[ChatKBQA](notes/)`` or ``LLaVA：…``."""
    text = text_of(spans)
    head = re.split(r"[:：(（]", text, maxsplit=1)[0].strip()
    return head if head and len(head) <= 30 and head.isascii() else None


def own_spans(item: Block) -> list[Span]:
    para = next((c for c in item.children if c.type == "paragraph"), None)
    inline = para.first("inline") if para else None
    return flatten(inline.token.children or []) if inline else []
