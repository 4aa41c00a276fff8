"""Do our summaries and descriptions reuse a source's wording? The words check of #4.

Every paper summary and every survey and topic description is written in our own words.
This compares each of them with the texts the atlas was built from (the companion lists in
../shared/sources and the seed documents in ../shared/seeds, or the folders given) and
reports any text that shares a run of N consecutive words (default 8, case and punctuation
ignored) with a source. A run that is part of the paper's own title is a fact and passes;
any other shared run is a place to look (a clause taken over from a list's note), not a
verdict.

Usage: .venv/bin/python scripts/copy_check.py [SOURCE_DIR ...] [--content DIR] [--words N]
Exits 1 when a text shares a run, listing each with the words it shares.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def runs(tokens: list[str], size: int) -> Iterator[tuple[str, ...]]:
    for start in range(len(tokens) - size + 1):
        yield tuple(tokens[start : start + size])


def source_runs(folders: Iterable[Path], size: int) -> set[tuple[str, ...]]:
    seen: set[tuple[str, ...]] = set()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                seen.update(runs(words(path.read_text(encoding="utf-8", errors="ignore")), size))
    return seen


def our_texts(content: Path) -> Iterator[tuple[str, str, str]]:
    """(label, text, title) for every summary and description we wrote."""
    for path in sorted((content / "papers").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        yield path.name, str(data.get("summary") or ""), str(data.get("title") or "")
    for path in sorted((content / "surveys").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        title = str(data.get("title") or "")
        yield path.name, str(data.get("description") or ""), title
        stack = [(node, node["id"]) for node in data.get("taxonomy") or []]
        while stack:
            node, trail = stack.pop()
            yield f"{path.name}:{trail}", str(node.get("description") or ""), str(node["name"])
            stack += [(child, f"{trail}/{child['id']}") for child in node.get("children") or []]


def shared_run(text: str, title: str, seen: set[tuple[str, ...]], size: int) -> str | None:
    """The first run of ``size`` words that ``text`` shares with a source, outside ``title``."""
    facts = set(runs(words(title), size))
    return next(
        (" ".join(run) for run in runs(words(text), size) if run in seen and run not in facts),
        None,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = ROOT.parent / "shared"
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--words", type=int, default=8)
    args = parser.parse_args(argv)
    folders = args.sources or [shared / "sources", shared / "seeds"]
    missing = [str(folder) for folder in folders if not folder.is_dir()]
    if missing:
        print(f"copy_check: no such folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    seen = source_runs(folders, args.words)
    checked = 0
    found = []
    for label, text, title in our_texts(args.content):
        checked += 1
        run = shared_run(text, title, seen, args.words)
        if run:
            found.append((label, run))
    print(f"{checked} texts checked; {len(found)} share a run of {args.words} words with a source")
    for label, run in found:
        print(f"  {label}: {run}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
