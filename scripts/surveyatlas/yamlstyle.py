"""How one scalar is written in canonical YAML: plain, double-quoted or a literal block.

The rule: a string is written plain only when every YAML reader takes it back as the
same string. YAML 1.1 (PyYAML, many tools) and YAML 1.2 (editors) each turn some plain
words into numbers, booleans, nulls or dates, so those are double-quoted. One exception:
a full date ``YYYY-MM-DD`` stays plain (YAML 1.1 reads it as that date, YAML 1.2 as its
text: both mean the same day, and the schema asks for a date).
"""

from __future__ import annotations

import datetime as dt
import re

# Plain scalars YAML 1.1 resolves to something other than a string (the spec's types,
# including the sexagesimal numbers and the one-letter booleans PyYAML leaves out).
_YAML11_NOT_TEXT = re.compile(
    r"""(?x)
      y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    | ~|null|Null|NULL
    | [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
    | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    | [-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    | [-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+)
    | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}.*)?
    | <<|=
    """
)
# What YAML 1.2's core schema resolves (the same as yamlsource's warning, plus nulls).
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|true|True|TRUE|false|False|FALSE|~|null|Null|NULL"
)
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# A plain scalar may not start with an indicator (some are allowed in narrow cases;
# quoting them all is simpler and always safe).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def is_ambiguous(text: str) -> bool:
    """Whether some YAML reader would take this plain word as a non-string."""
    if _FULL_DATE.fullmatch(text):
        return False
    return bool(_YAML11_NOT_TEXT.fullmatch(text) or _YAML12_NOT_TEXT.fullmatch(text))


def can_be_plain(text: str) -> bool:
    return (
        bool(text)
        and text == text.strip(" ")
        and text.isprintable()
        and text[0] not in _INDICATORS
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not is_ambiguous(text)
    )


def _plain_word(text: str) -> bool:
    """Syntactically plain, whatever a reader makes of it (for number and boolean fields)."""
    return (
        bool(text)
        and text.isprintable()
        and text[0] not in _INDICATORS
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
    )


def double_quoted(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def literal_lines(text: str) -> list[str] | None:
    """The lines of a ``|`` block for multi-line text, or None when a block cannot hold it
    exactly without trailing spaces (then the text is double-quoted instead)."""
    if "\n" not in text:
        return None
    body = text[:-1] if text.endswith("\n") else text
    if body.endswith("\n") or not body.strip():
        return None  # several trailing newlines would need `|+` and blank lines at the end
    lines = body.split("\n")
    first = next(line for line in lines if line)
    if first.startswith(" "):
        return None  # would need an indentation indicator
    for line in lines:
        if line != line.rstrip(" ") or not line.isprintable():
            return None
    header = "|" if text.endswith("\n") else "|-"
    return [header, *lines]


def scalar_text(value: object, *, force_quotes: bool = False, plain_ok: bool = False) -> str:
    """One-line form of a scalar. ``plain_ok`` is for fields the schema types as numbers
    or booleans: their words are written as they are."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if force_quotes:
        return double_quoted(text)
    if plain_ok and _plain_word(text):
        return text
    return text if can_be_plain(text) else double_quoted(text)


def as_loaded(value: object) -> object:
    """What the strict reader returns for a value written by :func:`scalar_text`."""
    if isinstance(value, dict):
        return {str(k): as_loaded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_loaded(v) for v in value]
    if value is None or isinstance(value, str):
        return value
    return scalar_text(value)
