"""Author names as awesome lists write them, turned into the atlas's form.

Lists shorten author lists (``*First Author et al.*``), invert names
(``_Luo, X.-J. et al._``), add affiliation digits (``Hsu1``) and LaTeX accents
(``Tarj{\\'a}n``). The atlas wants full names in order, ending with ``others`` when
the list was cut short.
"""

from __future__ import annotations

import re
import unicodedata

from ..schema import OTHERS

ET_AL = re.compile(r"\b(?:et|el)\.?\s*al\b\.?|\band others\b|\betc\b\.?", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?\s*-?\s*)+$")
_ANONYMOUS = re.compile(r"^(?:an+o+n+y+m+o+u+s|an+o+y+m+o+u+s|anon)(?:\s+authors?)?$", re.I)
_TRAILING_DIGITS = re.compile(r"(?<=[^\W\d])\d+$")
_NAME_CHARS = re.compile(r"^[^\W\d_][\w .,'’\-]*$")
MAX_NAME = 120


# Markdown eats the backslash of ``{\\'a}`` (an escaped apostrophe), leaving ``{'a}``.
_BARE_ACCENT = re.compile(r"\{(?P<mark>['`\"^~])\s*(?P<letter>[A-Za-z])\}")
_ACCENTS = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303"}


def decode_latex(text: str) -> str:
    """``Tarj{\\'a}n`` -> ``Tarján``; text without LaTeX is returned as it is."""
    text = _BARE_ACCENT.sub(
        lambda m: unicodedata.normalize("NFC", m.group("letter") + _ACCENTS[m.group("mark")]),
        text,
    )
    if "\\" not in text and "{" not in text:
        return text
    from pylatexenc.latex2text import LatexNodes2Text

    try:
        return str(LatexNodes2Text().latex_to_text(text))
    except Exception:  # pylatexenc raises a variety of errors on odd input
        return text.replace("{", "").replace("}", "")


def split_et_al(text: str) -> tuple[str, bool, str]:
    """(names part, whether the list was shortened, text after the 'et al.')."""
    match = ET_AL.search(text)
    if not match:
        return text, False, ""
    return text[: match.start()], True, text[match.end() :]


def parse_authors(text: str, shortened: bool = False) -> list[str]:
    """Names in ``text`` (already without 'et al.'), plus ``others`` when shortened."""
    text = decode_latex(text)
    text = " ".join(text.replace("*", " ").replace("_", " ").split()).strip(" ,;:")
    text = _drop_final_period(text)
    names = [_tidy(name) for name in _split_names(text)]
    names = [n for n in names if n and not _ANONYMOUS.match(n) and len(n) <= MAX_NAME]
    names = [n for n in names if _NAME_CHARS.match(n)]
    if not names:
        return []
    return [*dict.fromkeys(names), OTHERS] if shortened else list(dict.fromkeys(names))


def _split_names(text: str) -> list[str]:
    if not text:
        return []
    inverted = [p.strip() for p in re.split(r"\s+and\s+", text)]
    if len(inverted) > 1 and all(p.count(",") == 1 for p in inverted):  # BibTeX style
        return [" ".join(reversed([w.strip() for w in p.split(",")])) for p in inverted]
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|\band\b|&)\s*", text) if p.strip()]
    if len(parts) == 2 and (
        _INITIALS.match(parts[1]) or (_is_word(parts[0]) and _is_word(parts[1]))
    ):
        return [f"{parts[1]} {parts[0]}"]  # "Luo, X.-J." or "Ye, Xi": one inverted name
    if len(parts) > 1 and not all(len(p.split()) >= 2 or _INITIALS.match(p) for p in parts):
        return [text]  # "Huawei Technologies Co., Ltd.": a name with a comma in it
    return parts


def _is_word(text: str) -> bool:
    return " " not in text and text.isalpha()


def _drop_final_period(text: str) -> str:
    """'NLLB Team.' -> 'NLLB Team', but 'Luo, X.-J.' keeps the period of its initial."""
    last = text.rsplit(" ", 1)[-1].split(",")[-1]
    return text[:-1] if text.endswith(".") and not _INITIALS.match(last.strip()) else text


def _tidy(name: str) -> str:
    words = [_TRAILING_DIGITS.sub("", word) for word in name.split()]
    return _drop_final_period(" ".join(w for w in words if w).strip(" ,;:"))
