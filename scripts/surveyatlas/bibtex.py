"""BibTeX entries for papers: stable citation keys and safely escaped fields.

Keys look like ``liu2023visual`` (first author's surname, year, first significant
title word) and stay the same as long as those facts do; clashes get ``a``, ``b``...
Field text is escaped so no title can end a field early or inject commands.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import quote

from .schema import OTHERS, Paper

_STOPWORDS = frozenset(
    "a an the on of for in to and with towards toward via from is are do does can what how "
    "when why at by as into over under beyond about through".split()
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_JOURNAL_MARKERS = (
    "journal", "transactions", "tacl", "jmlr", "tmlr", "tpami", "ijcv", "nature", "science",
    "letters", "computing surveys", "frontiers", "review",
)  # fmt: skip
# Each replacement keeps braces balanced: BibTeX counts braces even after a backslash.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_LATEX_RE = re.compile("|".join(re.escape(ch) for ch in _LATEX))


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", folded.lower())


def base_key(paper: Paper) -> str:
    first = paper.authors[0] if paper.authors[0] != OTHERS else ""
    surname = (_ascii_words(first) or ["anon"])[-1]
    head = paper.title.split(":", 1)[0] if ":" in paper.title[:40] else ""
    words = _ascii_words(head) if head and len(head.split()) <= 3 else _ascii_words(paper.title)
    significant = [w for w in words if w not in _STOPWORDS] or words or ["paper"]
    return f"{surname}{paper.year}{significant[0]}"


def assign_keys(papers: Iterable[Paper]) -> dict[str, str]:
    """A unique key per paper id; papers sharing a base key get suffixes in date order."""
    groups: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        groups[base_key(paper)].append(paper)
    keys: dict[str, str] = {}
    for base, members in groups.items():
        if len(members) == 1:
            keys[members[0].id] = base
            continue
        members.sort(key=lambda p: (p.date_key, p.id))
        for index, paper in enumerate(members):
            keys[paper.id] = base + _suffix(index)
    return keys


def _suffix(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def escape(text: str) -> str:
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], " ".join(text.split()))


def entry_type(paper: Paper) -> str:
    if not paper.venue:
        return "misc"
    venue = paper.venue.lower()
    return "article" if any(marker in venue for marker in _JOURNAL_MARKERS) else "inproceedings"


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/:;()._-")


def paper_url(paper: Paper) -> str | None:
    if paper.arxiv:
        return f"https://arxiv.org/abs/{paper.arxiv}"
    if paper.doi:
        return doi_url(paper.doi)
    return paper.links.paper


def format_entry(paper: Paper, key: str) -> str:
    kind = entry_type(paper)
    authors = " and ".join("others" if a == OTHERS else escape(a) for a in paper.authors)
    year, month, _ = paper.date_key
    fields: list[tuple[str, str]] = [
        ("title", "{" + escape(paper.title) + "}"),
        ("author", "{" + authors + "}"),
    ]
    if kind == "article":
        fields.append(("journal", "{" + escape(paper.venue or "") + "}"))
    elif kind == "inproceedings":
        fields.append(("booktitle", "{" + escape(paper.venue or "") + "}"))
    fields.append(("year", "{" + str(year) + "}"))
    if month:
        fields.append(("month", _MONTHS[month - 1]))
    if paper.arxiv:
        fields += [("eprint", "{" + paper.arxiv + "}"), ("archivePrefix", "{arXiv}")]
    if paper.doi:
        fields.append(("doi", "{" + paper.doi + "}"))
    url = paper_url(paper)
    if url:
        fields.append(("url", "{" + url + "}"))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def format_entries(papers: Iterable[Paper], keys: dict[str, str]) -> str:
    return "\n".join(format_entry(paper, keys[paper.id]) for paper in papers)
