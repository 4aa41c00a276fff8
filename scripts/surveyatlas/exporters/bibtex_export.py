"""The BibTeX export: one entry per paper, keys stable across exports (``liu2023visual``).

Entries come from :mod:`surveyatlas.bibtex`, which escapes every field. arXiv papers
carry ``eprint`` and ``archivePrefix``; ``primaryClass`` is left out because the atlas
does not record a paper's arXiv category.
"""

from __future__ import annotations

from ..atlas import Atlas
from ..bibtex import format_entry
from ..schema import Paper


def export_bibtex(
    atlas: Atlas, papers: list[Paper], title: str, cache: dict[str, str] | None = None
) -> str:
    """``cache`` (paper id -> entry) lets several exports format each entry once."""
    cache = {} if cache is None else cache
    entries = []
    for paper in papers:
        if paper.id not in cache:
            cache[paper.id] = format_entry(paper, atlas.bibkeys[paper.id])
        entries.append(cache[paper.id])
    header = f"% {' '.join(title.split())}: {len(papers)} entries, exported by surveyatlas\n\n"
    return header + "\n".join(entries)
