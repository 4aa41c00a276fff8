"""Escaping content for the two languages our pages are written in.

Pages are Markdown with raw HTML blocks. Content text goes either into HTML (escaped
by Jinja's autoescaping) or into a Markdown heading or list item. There every
character that can start Markdown syntax is written as a numeric character reference:
no inline pattern (links, emphasis, attribute lists, any extension's syntax) can
match a character that is not there, and the browser still shows the text exactly.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_ENTITY = {ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]#!|~^=$:"}
_ENTITY.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SPECIAL = re.compile("|".join(re.escape(ch) for ch in _ENTITY))
_LINE_START = re.compile(r"^[+\-.0-9]")  # list markers matter only at the start


def md_inline(text: object) -> Markup:
    """Text that Markdown shows exactly as written, on one line."""
    value = " ".join(str(text).split())
    value = _SPECIAL.sub(lambda m: _ENTITY[m.group()], value)
    value = _LINE_START.sub(lambda m: f"&#{ord(m.group())};", value)
    return Markup(value)


def html_text(text: object) -> Markup:
    return Markup(html.escape(str(text), quote=True))


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs, each collapsed to one line.

    Raw HTML blocks in Markdown end at a blank line, so none may appear inside one.
    """
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]
