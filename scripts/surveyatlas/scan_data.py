"""Scanning the site's other outputs where their text can become markup.

* MkDocs' ``search_index.json``: the theme's search inserts titles and text as HTML, so
  every string in it is scanned as HTML; Pagefind fragments must decode (they are data
  that the site's own search script shows as text);
* feeds and other XML: must be well-formed with no DTD; ``type="html"``/``"xhtml"``
  text and RSS descriptions are scanned as HTML; link targets must be http(s);
* SVG files: scanned as HTML (scripts, handlers, links and animation are all caught);
* BibTeX: every entry balanced, no ``@`` that starts an entry inside a field, and no
  LaTeX command other than the escapes :mod:`surveyatlas.bibtex` writes;
* other JSON: must parse (it is data; scripts that read it set text, not HTML).
"""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .scan import Finding, Policy, check_url, scan_html

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".svg")
SEARCH_INDEXES = ("search_index.json",)
PAGEFIND_SUFFIX = ".pf_fragment"
PAGEFIND_MAGIC = b"pagefind_dcd"
# Commands the BibTeX writer uses to escape special characters; nothing else may appear.
BIBTEX_ESCAPES = frozenset(
    r"\textbackslash{} \textbraceleft{} \textbraceright{} \% \& \# \$ \_ \^{} \~{}".split()
)
_BIB_COMMAND = re.compile(r"\\(?:[A-Za-z]+|.)(?:\{\})?", re.S)
_XML_URL_ATTRIBUTES = frozenset({"href", "src", "uri", "url"})
_XML_URL_ELEMENTS = frozenset({"loc", "uri", "icon", "logo", "link", "url", "comments"})
_HTML_TEXT_ELEMENTS = frozenset({"description", "encoded"})  # RSS, content:encoded
MAX_TEXT_BYTES = 64 * 1024 * 1024
_XHTML = "{http://www.w3.org/1999/xhtml}"


def scan_file(file: Path, rel: str, policy: Policy) -> list[Finding]:
    name = file.name
    if name.endswith(HTML_SUFFIXES):
        return scan_html(_read(file), rel, policy)
    if name in SEARCH_INDEXES:
        return scan_search_index(_read(file), rel, policy)
    if name.endswith(PAGEFIND_SUFFIX):
        return scan_pagefind_fragment(file.read_bytes(), rel)
    if name.endswith(".json"):
        return _parse_json(_read(file), rel)[1]
    if name.endswith((".xml", ".atom", ".rss")):
        return scan_xml(_read(file), rel, policy)
    if name.endswith(".xml.gz"):
        return scan_xml(gzip.decompress(file.read_bytes()).decode("utf-8", "replace"), rel, policy)
    if name.endswith(".bib"):
        return scan_bibtex(_read(file), rel)
    return []


def _read(file: Path) -> str:
    return file.read_bytes()[:MAX_TEXT_BYTES].decode("utf-8", errors="replace")


def _parse_json(text: str, rel: str) -> tuple[Any, list[Finding]]:
    try:
        return json.loads(text), []
    except ValueError as exc:
        return None, [Finding(rel, "json", "", str(exc)[:120], "not valid JSON", "json-invalid")]


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")


def _scan_strings_as_html(data: Any, rel: str, policy: Policy) -> list[Finding]:
    findings: list[Finding] = []
    for where, text in _strings(data, ""):
        if "<" in text or "&" in text:
            findings.extend(scan_html(text, rel, policy, fragment=where))
    return findings


def scan_search_index(text: str, rel: str, policy: Policy) -> list[Finding]:
    data, problems = _parse_json(text, rel)
    return problems or _scan_strings_as_html(data, rel, policy)


def scan_pagefind_fragment(raw: bytes, rel: str) -> list[Finding]:
    """Pagefind fragments are data: the site's search script shows their titles and
    metadata as text and keeps only <mark> from excerpts (a test holds it to that), so
    their strings are allowed to contain markup characters. They must still decode."""
    try:
        data = gzip.decompress(raw)
    except (OSError, EOFError):
        data = raw
    data = data.removeprefix(PAGEFIND_MAGIC)
    return _parse_json(data.decode("utf-8", "replace"), rel)[1]


# --------------------------------------------------------------------------- XML


def scan_xml(text: str, rel: str, policy: Policy) -> list[Finding]:
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text, re.I):
        return [Finding(rel, "xml", "", "", "XML declares a DTD or entities", "xml-dtd")]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [Finding(rel, "xml", "", str(exc), "XML is not well-formed", "xml-invalid")]
    findings: list[Finding] = []
    for element in root.iter():
        if str(element.tag).startswith(_XHTML):
            continue  # inside type="xhtml" content, scanned as HTML below
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        for name, value in element.attrib.items():
            short = name.rsplit("}", 1)[-1].lower()
            if short.startswith("on"):
                findings.append(Finding(rel, tag, name, value, "event handler", "event-handler"))
            elif short in _XML_URL_ATTRIBUTES and (reason := check_url(value)):
                findings.append(Finding(rel, tag, name, value, reason, "url-scheme"))
        body = element.text or ""
        if tag in _XML_URL_ELEMENTS and body.strip() and (reason := check_url(body.strip())):
            findings.append(Finding(rel, tag, "", body.strip(), reason, "url-scheme"))
        kind = element.attrib.get("type", "")
        if kind == "html" or tag in _HTML_TEXT_ELEMENTS:
            findings.extend(scan_html(body, rel, policy, fragment=tag))
        elif kind == "xhtml":
            inner = "".join(ET.tostring(child, encoding="unicode") for child in element)
            findings.extend(scan_html(inner, rel, policy, fragment=tag))
    return findings


# --------------------------------------------------------------------------- BibTeX


def scan_bibtex(text: str, rel: str) -> list[Finding]:
    findings: list[Finding] = []

    def found(entry: str, value: str, reason: str, code: str) -> None:
        findings.append(Finding(rel, entry, "", value[:120], reason, code))

    index, length = 0, len(text)
    while index < length:
        start = text.find("@", index)
        if start < 0:
            stray = text[index:].strip()
            if stray and not stray.startswith("%"):
                found("bibtex", stray, "text outside any entry", "bib-stray")
            break
        end = _entry_end(text, start)
        if end < 0:
            found("bibtex", text[start : start + 60], "entry braces never close", "bib-unbalanced")
            break
        entry = text[start:end]
        key = entry.split("{", 1)[-1].split(",", 1)[0].strip()
        for line in entry.splitlines()[1:]:
            if line.lstrip().startswith("@"):
                found(key, line.strip(), "a field line starts a new entry", "bib-injection")
        for command in _BIB_COMMAND.findall(entry):
            if command not in BIBTEX_ESCAPES:
                found(key, command, "LaTeX command in a field", "bib-command")
        index = end
    return findings


def _entry_end(text: str, start: int) -> int:
    """Index just past the entry starting at ``start`` (its braces balanced), or -1."""
    opening = text.find("{", start)
    if opening < 0:
        return -1
    depth = 0
    for position in range(opening, len(text)):
        char = text[position]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position + 1
    return -1
