"""Identifiers: arXiv ids, DOIs, slugs and titles, parsed and normalised.

Shared by validation (which insists on the canonical form), importers and ``add``
(which accept whatever people paste: URLs, versions, prefixes) and duplicate checks.
"""

from __future__ import annotations

import re
import unicodedata

# New-style ids (April 2007 on): YYMM.NNNN until 2014, YYMM.NNNNN from 2015.
ARXIV_NEW = re.compile(r"(?P<yy>[0-9]{2})(?P<mm>0[1-9]|1[0-2])\.(?P<num>[0-9]{4,5})", re.ASCII)
# Old-style ids: archive[.SUBJ]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
ARXIV_OLD = re.compile(
    r"(?P<archive>[a-z]+(?:-[a-z]+)*)(?:\.[A-Z]{2})?/(?P<yy>[0-9]{2})(?P<mm>0[1-9]|1[0-2])[0-9]{3}",
    re.ASCII,
)
_ARXIV_IN_TEXT = re.compile(
    r"""arxiv\.org/(?:abs|pdf|html|format)/
        (?P<id>[0-9]{4}\.[0-9]{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/[0-9]{7})
        (?P<version>v[0-9]+)?""",
    re.ASCII | re.VERBOSE | re.IGNORECASE,
)
_ARXIV_LOOSE = re.compile(
    r"^(?:arxiv:\s*)?(?P<id>[0-9]{4}\.[0-9]{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/[0-9]{7})"
    r"(?P<version>v[0-9]+)?(?:\.pdf)?$",
    re.ASCII | re.IGNORECASE,
)
DOI = re.compile(r"10\.[0-9]{4,9}/[^\s\"<>{}\\]+", re.ASCII)
_DOI_IN_TEXT = re.compile(r"(?:doi\.org/|doi:\s*)(?P<doi>10\.[0-9]{4,9}/[^\s\"'<>\])]+)", re.I)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)

# Characters that render as nothing or reorder text: never acceptable in ids or URLs,
# and in prose only the joiners that scripts and emoji need are allowed.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
INVISIBLE = frozenset("\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")
JOINERS = frozenset("\u200c\u200d")


def is_canonical_arxiv(value: str) -> bool:
    if ARXIV_NEW.fullmatch(value):
        return _new_style_digits_ok(value)
    return bool(ARXIV_OLD.fullmatch(value))


def _new_style_digits_ok(value: str) -> bool:
    yymm, num = value.split(".")
    return len(num) == (5 if yymm >= "1501" else 4)


def normalize_arxiv(value: str) -> str | None:
    """The canonical, unversioned id in ``value`` (an id, ``arXiv:`` id or URL), or None."""
    text = unicodedata.normalize("NFKC", value).strip()
    text = "".join(ch for ch in text if ch not in INVISIBLE and ch not in BIDI_CONTROLS)
    match = _ARXIV_IN_TEXT.search(text) or _ARXIV_LOOSE.match(text)
    if not match:
        return None
    candidate = match.group("id")
    if "/" in candidate:
        archive, number = candidate.split("/", 1)
        candidate = f"{archive.lower()}/{number}" if "." not in archive else candidate
    return candidate if is_canonical_arxiv(candidate) else None


def arxiv_ids_in(text: str) -> list[tuple[str, str | None]]:
    """Every (id, version) linked from arxiv.org in ``text``, in order."""
    found = []
    for match in _ARXIV_IN_TEXT.finditer(text):
        candidate = match.group("id")
        if is_canonical_arxiv(candidate):
            found.append((candidate, match.group("version")))
    return found


def arxiv_month(arxiv: str) -> tuple[int, int]:
    """(year, month) in an id: when arXiv assigned it. The first version is from that
    month, or from the last days of the month before (a paper submitted on 23 August
    can be numbered 2209.xxxxx), never later."""
    match = ARXIV_NEW.fullmatch(arxiv) or ARXIV_OLD.fullmatch(arxiv)
    if not match:
        raise ValueError(f"not an arXiv id: {arxiv!r}")
    yy = int(match.group("yy"))
    return (1900 + yy if yy >= 91 else 2000 + yy, int(match.group("mm")))


def normalize_doi(value: str) -> str | None:
    """A DOI in canonical (lower-case, prefix-free) form, or None."""
    text = value.strip()
    match = _DOI_IN_TEXT.search(text)
    if match:
        text = match.group("doi")
    text = text.rstrip(".,;")
    return text.lower() if DOI.fullmatch(text) else None


def doi_in(text: str) -> str | None:
    match = _DOI_IN_TEXT.search(text)
    return normalize_doi(match.group("doi")) if match else None


def normalize_title(title: str) -> str:
    """A comparison key: case, accents, punctuation and spacing do not matter."""
    if title.isascii():  # most titles: nothing to decompose, and casefold() is lower()
        text = title.lower()
    else:
        text = unicodedata.normalize("NFKD", title).casefold()
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def slugify(text: str, *, max_length: int = 60) -> str:
    """A URL slug: ASCII letters and digits joined by single hyphens."""
    text = unicodedata.normalize("NFKD", text)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("&", " and ").replace("+", " plus ")
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


def invisible_chars(text: str, *, allow_joiners: bool = False) -> list[tuple[int, str]]:
    """(index, char) of every bidi control or invisible character in ``text``."""
    pattern = _INVISIBLE_RE if allow_joiners else _INVISIBLE_OR_JOINER_RE
    return [(match.start(), match.group()) for match in pattern.finditer(text)]


# The same sets as one character class each: a scan in C, not a Python loop per character.
_INVISIBLE_RE = re.compile("[" + "".join(sorted(BIDI_CONTROLS | INVISIBLE)) + "]")
_INVISIBLE_OR_JOINER_RE = re.compile(
    "[" + "".join(sorted(BIDI_CONTROLS | INVISIBLE | JOINERS)) + "]"
)
