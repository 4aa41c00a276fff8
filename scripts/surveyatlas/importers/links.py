"""Sorting a line's links into what the atlas stores: arXiv id, DOI and typed URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pydantic_core import PydanticCustomError

from .. import ids
from ..fields import check_url

# Paths ids.arxiv_ids_in does not know: old FTP mirrors and Hugging Face paper pages.
_ARXIV_EXTRA = re.compile(
    r"(?:arxiv\.org/ftp/arxiv/papers/[0-9]{4}/|huggingface\.co/papers/)"
    r"(?P<id>[0-9]{4}\.[0-9]{4,5})(?P<version>v[0-9]+)?",
    re.IGNORECASE,
)
_ARXIV_ANY = re.compile(r"arxiv\.org/(?:abs|pdf|html|format)/(?P<tail>[^\s\"'<>)\]]*)", re.I)
_DOI_PATH = re.compile(
    r"/doi/(?:abs/|pdf/|full/|epdf/)?(?P<doi>10\.[0-9]{4,9}/[^\s?#\"'<>]+)", re.I
)
_BARE_URL = re.compile(
    r"(?:https?://|(?<![\w./])(?=(?:www\.)?(?:arxiv\.org|github\.com)/))[^\s<>()\[\]\"'，。；]+"
)
_SCHEME_TYPO = re.compile(r"^h+ttps?://|^https?:/(?!/)", re.I)

# Link labels (lower case, without brackets) and the PaperLinks field each means.
_LABELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(code|github|gitlab|source code|repo|repository|implementation)\b"), "code"),
    (re.compile(r"\b(paper|pdf|arxiv|openreview|acl|doi|publication)\b"), "paper"),
    (re.compile(r"\b(project|homepage|home page|website|page|site)\b"), "project"),
    (re.compile(r"\bdemo\b"), "demo"),
    (re.compile(r"\b(data|dataset|datasets|collection|benchmark|corpus)\b"), "data"),
    (re.compile(r"\b(model|models|checkpoint|checkpoints|weights|hugg?ing ?f?ace)\b"), "model"),
    (re.compile(r"\b(video|youtube)\b"), "video"),
    (re.compile(r"\bblog\b"), "blog"),
]
CODE_HOSTS = ("github.com", "gitlab.com", "gitee.com", "bitbucket.org")


@dataclass
class LinkFacts:
    arxiv: str | None = None
    bad_arxiv: str | None = None
    doi: str | None = None
    links: dict[str, str] = field(default_factory=dict)


def clean_url(raw: str) -> str | None:
    """An absolute http(s) URL the schema accepts, repairing the usual slips, or None."""
    url = raw.strip().strip("<>").rstrip(".,;:")
    url = _SCHEME_TYPO.sub("https://", url)
    if not re.match(r"https?://", url, re.I):
        if re.match(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/", url, re.I):
            url = "https://" + url
        else:
            return None
    try:
        return check_url(url)
    except PydanticCustomError:
        return None


def arxiv_in(url: str) -> tuple[str | None, str | None]:
    """(id, None) for an arXiv link, (None, tail) for an arXiv link with a malformed id."""
    found = ids.arxiv_ids_in(url)
    if found:
        return found[0][0], None
    extra = _ARXIV_EXTRA.search(url)
    if extra and ids.is_canonical_arxiv(extra.group("id")):
        return extra.group("id"), None
    broken = _ARXIV_ANY.search(url)
    if broken:
        return None, broken.group("tail") or url
    return None, None


def doi_in(url: str) -> str | None:
    found = ids.doi_in(url)
    if found:
        return found
    match = _DOI_PATH.search(url)
    return ids.normalize_doi(match.group("doi")) if match else None


def label_kind(label: str, url: str) -> str | None:
    words = label.lower().strip("[]() ")
    for pattern, kind in _LABELS:
        if pattern.search(words):
            if kind == "model" and _host(url).endswith("github.com"):
                return "code"
            return kind
    return "code" if _host(url).endswith(CODE_HOSTS) else None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def bare_urls(text: str) -> list[str]:
    """URLs written as plain text (lists that do not link them)."""
    return [match.group() for match in _BARE_URL.finditer(text)]


def sort_links(pairs: list[tuple[str, str]], default: str | None = None) -> LinkFacts:
    """Read (href, label) pairs: the first arXiv id and DOI, and one URL per link kind.

    ``default`` is the kind of an unlabelled link that is neither arXiv nor a DOI
    (record-style lists say what a bare URL is in the key before it).
    """
    facts = LinkFacts()
    for href, label in pairs:
        arxiv, bad = arxiv_in(href)
        if arxiv:
            facts.arxiv = facts.arxiv or arxiv
            continue
        if bad and not facts.bad_arxiv:
            facts.bad_arxiv = href
            continue
        doi = doi_in(href)
        if doi and not facts.doi:
            facts.doi = doi
        url = clean_url(href)
        if url is None:
            continue
        kind = label_kind(label, url) or default
        if kind and kind not in facts.links and not (doi and kind == "paper"):
            facts.links[kind] = url
    return facts
