"""The BibTeX export: one entry per paper, keys stable across exports (``liu2023visual``).

Entries come from :mod:`surveyatlas.bibtex`, which escapes every field. arXiv papers
carry ``eprint`` and ``archivePrefix``; ``primaryClass`` is left out because the atlas
does not record a paper's arXiv category.
"""

from __future__ import annotations

from ..atlas import Atlas
from ..bibtex import format_entries
from ..schema import Paper


def export_bibtex(atlas: Atlas, papers: list[Paper], title: str) -> str:
    header = f"% {' '.join(title.split())}: {len(papers)} entries, exported by surveyatlas\n\n"
    return header + format_entries(papers, atlas.bibkeys)
