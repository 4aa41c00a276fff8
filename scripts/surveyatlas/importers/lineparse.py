"""One awesome-list line to the facts it states: title, authors, venue, year, links.

The styles seen in survey lists, all handled here:

* ``**"Title"**. *First Author et al.* Venue 2023. [[Paper](...)]`` (bold title);
* ``Title. _Surname, I. et al._ Venue 2023. [[paper](...)]`` (plain title, authors after);
* ``Title (Venue 2022) [[paper](...)][[code](...)]`` (venue in parentheses);
* ``Title. <ins>arXiv, 2024</ins> [[Paper](...)]`` (venue in an HTML tag);
* prefixes: emoji markers, ``[2023/07]`` dates, ``<u>Model</u>:`` names, ``(Model)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .links import LinkFacts, bare_urls, sort_links
from .people import ET_AL, parse_authors, split_et_al
from .spans import Span, links_of, text_of
from .venues import parse_date, parse_venue

_DATE_PREFIX = re.compile(r"^\W*\[(?P<date>(?:19|20)\d{2}\s*[/.-]\s*\d{1,2})\]\s*")
_MARKERS = re.compile(r"^[^\w(\"“”'‘]+", re.UNICODE)
_NICKNAME = re.compile(r"^\((?P<name>[^()\s][^()]{0,40})\)\s*(?=\w)")
_NAME_PREFIX = re.compile(r"^(?P<name>[^:：\[\]]{1,40}?)\s*[:：]$")
_QUOTES = "\"'“”‘’„«»"
_PAREN_VENUE = re.compile(r"\s*\((?P<venue>[^()]*\b(?:19|20)\d{2}\b[^()]*)\)\s*$")
_PLAIN_AUTHORS = re.compile(
    r"^\W*(?P<names>[^\W\d][^.*_\[\]]{0,80}?)\s*(?:et|el)\.?\s*al\b\.?\*?", re.UNICODE
)
_TITLE_END = " .,;:-–—[(\u3000"


@dataclass
class LineFacts:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    venue: str | None = None
    year: int | None = None
    month: int | None = None
    name: str | None = None
    facts: LinkFacts = field(default_factory=LinkFacts)


def parse_line(spans: list[Span]) -> LineFacts:
    """The facts one list item states in its own line (not its sub-items)."""
    out = LineFacts(facts=sort_links(links_of(spans) + [(u, "") for u in _bare(spans)]))
    rest = _take_prefix(spans, out)
    bold = _bold_title(rest)
    if bold is not None:
        title_spans, after = bold
    else:
        title_spans, after = _plain_title(rest)
    title = clean_title(text_of(title_spans))
    title, paren_venue = _split_paren_venue(title)
    out.title = title
    _read_tail(after, out)
    if paren_venue and out.venue is None:
        out.venue, year = parse_venue(paren_venue)
        out.year = out.year or year
    return out


def _bare(spans: list[Span]) -> list[str]:
    return bare_urls("".join(s.text for s in spans if s.href is None and not s.image))


def _take_prefix(spans: list[Span], out: LineFacts) -> list[Span]:
    """Drop leading markers, a ``[YYYY/MM]`` date and a ``<u>Name</u>:`` model name."""
    index = 0
    lead = ""
    name = ""
    underline = False
    while index < len(spans):
        span = spans[index]
        if span.html is not None:
            tag = span.html.lower()
            if tag.startswith("<u") and not lead.strip(" \t:："):
                underline = True
            elif tag.startswith("</u") and underline:
                underline = False
            elif not tag.startswith(("<img", "<br", "<sup", "</sup")):
                break
            index += 1
            continue
        if not span.plain or span.code:
            break
        if underline:
            name += span.text
        else:
            lead += span.text
        index += 1
    rest = spans[index:]
    bold_next = bool(rest) and rest[0].strong
    date = _DATE_PREFIX.match(lead)
    if date:
        parsed = parse_date(date.group("date"))
        if parsed:
            out.year, out.month = parsed
        lead = lead[date.end() :]
    if bold_next and lead.strip().startswith("[") and lead.strip().endswith("]"):
        lead = ""  # "[a note]  **Title**": the note is not the title
    lead = _MARKERS.sub("", lead)
    if name.strip():
        out.name = name.strip()
        lead = lead.lstrip(" :：")
    named = _NAME_PREFIX.match(lead.strip())
    if bold_next and named:
        out.name = out.name or named.group("name").strip()
        lead = ""
    nick = _NICKNAME.match(lead)
    if nick:
        out.name = out.name or nick.group("name").strip()
        lead = lead[nick.end() :]
    return ([Span(lead)] if lead.strip() else []) + rest


def _bold_title(spans: list[Span]) -> tuple[list[Span], list[Span]] | None:
    """A bold title: the first bold run before any link, if it comes first."""
    for index, span in enumerate(spans):
        if span.href is not None or span.html is not None:
            return None
        if span.strong:
            end = index
            while end < len(spans) and spans[end].strong and spans[end].href is None:
                end += 1
            if len(text_of(spans[index:end])) < 3 or text_of(spans[:index]).strip(_QUOTES + " "):
                return None
            return spans[index:end], spans[end:]
    return None


def _plain_title(spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """Title text runs until authors (emphasis), a link, or an HTML tag such as <ins>."""
    for index, span in enumerate(spans):
        if (span.em and not span.strong) or span.href is not None or span.html is not None:
            return spans[:index], spans[index:]
    return spans, []


def _split_paren_venue(title: str) -> tuple[str, str | None]:
    match = _PAREN_VENUE.search(title)
    if not match or match.start() < 8:
        return title, None
    return clean_title(title[: match.start()]), match.group("venue")


# A colon typed in Chinese input (full-width, or spaced French-style) inside a Latin title.
_ODD_COLON = re.compile(r"(?<=[\x21-\x7e])\s*：\s*(?=[\x21-\x7e])|(?<=[A-Za-z]) +:(?= )")


_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S*$", re.IGNORECASE)


def clean_title(text: str) -> str:
    """The title as the line writes it, minus list punctuation; "" for a bare address."""
    value = " ".join(text.split()).strip()
    if _URL_ONLY.match(value):
        return ""  # "[https://arxiv.org/abs/...](...)": the line names no title
    value = _ODD_COLON.sub(": ", value).replace(":  ", ": ")
    value = value.rstrip(" [(").strip()
    for _ in range(2):
        if len(value) > 2 and value[0] in _QUOTES and value[-1] in _QUOTES:
            value = value[1:-1].strip()
        value = value.strip(" ,;").rstrip(" .:-–—").strip()
    if value.count('"') == 1:
        value = value.replace('"', "").strip()
    return value


def _read_tail(spans: list[Span], out: LineFacts) -> None:
    """Authors (emphasis, or 'Name et al.' in plain text) and the venue, up to the links."""
    before_links: list[Span] = []
    for span in spans:
        if span.href is not None:
            break
        before_links.append(span)
    authors_text = ""
    shortened = False
    venue_text = ""
    index = 0
    while index < len(before_links) and before_links[index].plain:
        index += 1
    lead = "".join(s.text for s in before_links[:index])
    em_run: list[Span] = []
    if index < len(before_links) and before_links[index].em and not lead.strip(" .,;:"):
        end = index
        while end < len(before_links) and before_links[end].em:
            end += 1
        em_run = before_links[index:end]
        glued = lead[-1:].isalpha()  # "S*ang Xie et al*": a stray '*' split the name
        authors_text = (lead.split()[-1] if glued else "") + "".join(s.text for s in em_run)
        authors_text, shortened, em_rest = split_et_al(authors_text)
        tail = "".join(s.text for s in before_links[end:] if s.html is None)
        if ET_AL.match(tail.strip()):
            shortened = True
            tail = ET_AL.sub("", tail.strip(), count=1)
        venue_text = em_rest + " " + tail
    else:
        text = "".join(s.text for s in before_links if s.html is None)
        plain = _PLAIN_AUTHORS.match(text)
        if plain:
            authors_text, shortened = plain.group("names"), True
            text = text[plain.end() :]
        venue_text = text
    out.authors = parse_authors(authors_text, shortened) if authors_text.strip() else []
    venue, year = parse_venue(venue_text)
    out.venue = venue
    if year and not out.year:
        out.year = year
    elif year and out.year and year < out.year:
        out.year, out.month = year, None  # a paper cannot be older than where it appeared
