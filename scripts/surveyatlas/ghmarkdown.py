"""Untrusted text in GitHub-flavoured Markdown (job summaries, issues, pull requests).

GitHub turns ``@name`` into a mention, ``#12`` into a link, bare addresses into links
and renders a subset of HTML. Text from content files, arXiv or an issue is therefore
shown only inside code spans or fenced blocks, where nothing is interpreted, after
removing the characters that could reorder or hide what a reviewer reads.
"""

from __future__ import annotations

import re

# Controls (tab aside) and bidi controls: replaced so they cannot rewrite the display.
_UNSHOWABLE = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_BACKTICKS = re.compile(r"`+")
MAX_INLINE = 300


def clean_line(text: object, limit: int = MAX_INLINE) -> str:
    """One line of plain text: whitespace collapsed, controls replaced, length capped."""
    value = _UNSHOWABLE.sub("\ufffd", " ".join(str(text).split()))
    return value if len(value) <= limit else value[: limit - 1] + "…"


def code(text: object, limit: int = MAX_INLINE) -> str:
    """A code span showing ``text`` literally, whatever backticks it holds."""
    value = clean_line(text, limit)
    longest = max((len(run) for run in _BACKTICKS.findall(value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if not value or value[0] == "`" or value[-1] == "`" else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def fenced(text: str, limit: int = 4000) -> str:
    """A fenced block showing ``text`` literally (lines kept, length capped)."""
    lines = [_UNSHOWABLE.sub("\ufffd", line.rstrip()) for line in text.splitlines()]
    body = "\n".join(lines).strip("\n")
    if len(body) > limit:
        body = body[: limit - 1] + "…"
    longest = max((len(run) for run in re.findall(r"`{3,}", body)), default=2)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{body}\n{fence}"
