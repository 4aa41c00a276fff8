"""What is new: the Atom feed (``feed.xml``, RFC 4287) and the "What's new" page (``new/``).

Both list papers by the day they joined the atlas (``added``), newest first. The feed's
``updated`` is the newest ``added`` date, not the build time, so rebuilding unchanged
content gives a byte-identical feed and readers see no false news.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass

from .atlas import Atlas
from .page import Page
from .schema import OTHERS, Paper
from .views import PaperCard, format_date, paper_card, paper_url

FEED_ENTRIES = 50
NEW_PAGE_ENTRIES = 100
TAG_AUTHORITY = "llm-survey-atlas.github.io,2026"  # fixed: entry ids must never change
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text safe in XML content and attribute values."""
    return html.escape(_NOT_XML.sub("", str(value)), quote=True)


def atom_time(paper: Paper) -> str:
    return f"{paper.added.isoformat()}T00:00:00Z"


def entry_id(paper: Paper) -> str:
    return f"tag:{TAG_AUTHORITY}:papers/{paper.id}"


def _entry(atlas: Atlas, paper: Paper, base: str) -> list[str]:
    href = xml_text(base + paper_url(paper.id))
    lines = [
        "  <entry>",
        f"    <id>{xml_text(entry_id(paper))}</id>",
        f"    <title>{xml_text(paper.title)}</title>",
        f"    <updated>{atom_time(paper)}</updated>",
        f"    <published>{atom_time(paper)}</published>",
        f'    <link rel="alternate" type="text/html" href="{href}"/>',
    ]
    lines += [
        f"    <author><name>{xml_text(name)}</name></author>"
        for name in paper.authors
        if name != OTHERS
    ]
    for sid in paper.surveys:
        if sid in atlas.surveys:
            label = atlas.surveys[sid].display_title
            lines.append(f'    <category term="{xml_text(sid)}" label="{xml_text(label)}"/>')
    summary = paper.summary or f"{paper.title} ({format_date(paper.date)})."
    lines += [f"    <summary>{xml_text(' '.join(summary.split()))}</summary>", "  </entry>"]
    return lines


def atom_feed(atlas: Atlas, site_url: str | None = None) -> bytes:
    """The newest additions as an Atom feed. Links are absolute when ``site_url`` is
    known, otherwise relative to the feed (which sits at the site root)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    newest = atlas.newest_added(FEED_ENTRIES)
    updated = atom_time(newest[0]) if newest else "1970-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>tag:{TAG_AUTHORITY}:feed</id>",
        "  <title>LLM Survey Atlas: new papers</title>",
        "  <subtitle>Papers newly added to the atlas, newest first.</subtitle>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" type="application/atom+xml" href="{xml_text(base + "feed.xml")}"/>',
        f'  <link rel="alternate" type="text/html" href="{xml_text(base + "new/")}"/>',
        "  <author><name>LLM Survey Atlas</name></author>",
    ]
    for paper in newest:
        lines += _entry(atlas, paper, base)
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class AddedDay:
    label: str
    iso: str
    papers: list[PaperCard]


@dataclass(frozen=True)
class NewView:
    days: list[AddedDay]  # newest first
    shown: int
    total: int


def new_page(atlas: Atlas) -> Page:
    by_day: dict[str, list[Paper]] = defaultdict(list)
    newest = atlas.newest_added(NEW_PAGE_ENTRIES)
    for paper in newest:
        by_day[paper.added.isoformat()].append(paper)
    days = [
        AddedDay(format_date(day), day, [paper_card(p, atlas) for p in papers])
        for day, papers in by_day.items()
    ]
    view = NewView(days=days, shown=len(newest), total=len(atlas.papers))
    return Page("new/", "new.md.j2", "What's new", view)
