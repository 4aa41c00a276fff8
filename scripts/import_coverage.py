"""How much of each survey list an import accounts for: the acceptance table of #3.

For every list in ../shared/sources (or the folder given), runs
``surveyatlas import ... --dry-run --json`` against the content folder and checks the
report independently of the importer's parser:

* every source line that links to arxiv.org must be covered by a reported entry
  (imported or skipped), so nothing is silently dropped;
* every imported entry covering such a line must carry an arXiv id that appears in
  its source lines, and a title whose words appear in those lines; for a line the
  map file corrected, the id and title the list gave (reported as ``listed``) must.

Maps are read from ``content/imports/<survey>.map.yml`` unless ``--map-dir`` says otherwise.

Usage: .venv/bin/python scripts/import_coverage.py [SOURCES] [--content DIR] [--map-dir DIR]
Prints a Markdown table; exits 1 if a list falls below 97% or a check fails.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARXIV_LINK = re.compile(r"arxiv\.org/(?:abs|pdf|html|format|ftp)/", re.IGNORECASE)
THRESHOLD = 97.0
# Skips of arXiv links that are not list entries: they are reported, not counted as items.
NOT_ITEMS = (
    "a heading, not a list item",
    "inside an HTML comment",
    "inside a code block",
    "outside any section",
    "not a list item or table row",
    "inside raw HTML that is not a table",
)
LISTS = [  # (folder, kind, path inside, survey)
    ("RUCAIBox__LLMSurvey", "markdown", "README.md", "llm-survey-zhao"),
    ("Wang-ML-Lab__llm-continual-learning-survey", "markdown", "README.md",
     "continual-learning-llms"),
    ("HITsz-TMG__awesome-llm-attributions", "markdown", "README.md", "llm-attribution"),
    ("MLGroup-JLU__LLM-data-aug-survey", "markdown", "README.md",
     "data-augmentation-large-models"),
    ("km1994__llms_paper", "markdown", "README.md", "km1994-llms-paper"),
    ("swordlidev__Efficient-Multimodal-LLMs-Survey", "markdown", "README.md", "efficient-mllms"),
    ("MM-LLMs__mm-llms.github.io", "posts", "_posts", "mm-llms"),
]  # fmt: skip


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def run_import(kind: str, source: Path, survey: str, content: Path, mapping: Path | None) -> dict:
    command = [
        sys.executable,
        "-m",
        "surveyatlas",
        "import",
        kind,
        str(source),
        "--survey",
        survey,
        "--content",
        str(content),
        "--dry-run",
        "--json",
    ]
    if mapping is not None:
        command += ["--map", str(mapping)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"import failed for {source}:\n{done.stderr}")
    return json.loads(done.stdout)


def arxiv_lines(files: list[Path]) -> dict[tuple[str, int], str]:
    found = {}
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if ARXIV_LINK.search(line):
                found[(str(path), number)] = line
    return found


def measure(report: dict, source: Path, files: list[Path]) -> dict:
    default = str(source)
    texts = {str(p): p.read_text(encoding="utf-8").split("\n") for p in files}
    entries = [("imported", row) for row in report["imported"]]
    entries += [("skipped", row) for row in report["skipped"]]
    covering: dict[tuple[str, int], list[tuple[str, dict]]] = {}
    for kind, row in entries:
        file = row.get("file", default)
        for number in range(row["line"], row["end"] + 1):
            covering.setdefault((file, number), []).append((kind, row))
    items: dict[int, tuple[str, dict]] = {}
    other: dict[int, dict] = {}
    unaccounted = []
    for key in arxiv_lines(files):
        hits = covering.get(key, [])
        imported = [h for h in hits if h[0] == "imported"]
        chosen = (imported or hits or [None])[0]
        if chosen is None:
            unaccounted.append(key)
        elif chosen[0] == "skipped" and chosen[1]["reason"].startswith(NOT_ITEMS):
            other[id(chosen[1])] = chosen[1]
        else:
            items[id(chosen[1])] = chosen
    bad = []
    for kind, row in items.values():
        if kind != "imported":
            continue
        lines = texts[row.get("file", default)][row["line"] - 1 : row["end"]]
        text = "\n".join(lines)
        said = {**row, **row.get("listed", {})}  # what the list says, before corrections
        if (
            not said["arxiv"]
            or said["arxiv"] not in text
            or words(said["title"]) not in words(text)
        ):
            bad.append(row)
    imported = sum(1 for kind, _ in items.values() if kind == "imported") - len(bad)
    total = len(items) + len(unaccounted)
    return {
        "items": total,
        "imported": imported,
        "skipped": sum(1 for kind, _ in items.values() if kind == "skipped"),
        "corrected": sum(
            1 for kind, row in items.values() if kind == "imported" and "listed" in row
        ),
        "wrong": len(bad),
        "unaccounted": len(unaccounted),
        "percent": 100.0 * imported / total if total else 100.0,
        "other": len(other),
        "bad_rows": bad,
        "rows": list(items.values()),
        "missing": unaccounted,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sources", nargs="?", type=Path, default=ROOT.parent / "shared/sources")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument(
        "--map-dir",
        type=Path,
        default=ROOT / "content" / "imports",
        help="maps named <survey>.map.yml (default: content/imports)",
    )
    parser.add_argument("--verbose", action="store_true", help="list wrong and missing lines")
    args = parser.parse_args()
    print(
        "| list | items with arXiv links | imported | of which corrected | skipped | % imported "
        "| arXiv links outside items |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    failed = False
    for folder, kind, inside, survey in LISTS:
        source = args.sources / folder / inside
        if not source.exists():
            continue
        mapping = args.map_dir / f"{survey}.map.yml" if args.map_dir else None
        mapping = mapping if mapping is not None and mapping.exists() else None
        files = sorted(source.glob("*.md")) if source.is_dir() else [source]
        result = measure(run_import(kind, source, survey, args.content, mapping), source, files)
        note = ""
        if result["wrong"] or result["unaccounted"]:
            note = f" ({result['wrong']} wrong, {result['unaccounted']} unaccounted)"
        print(
            f"| {folder} | {result['items']} | {result['imported']} | {result['corrected']} "
            f"| {result['skipped']} "
            f"| {result['percent']:.1f}{note} | {result['other']} |"
        )
        if args.verbose:
            skipped = [row for kind, row in result["rows"] if kind == "skipped"]
            for row in skipped:
                print(f"  skipped: line {row['line']}: {row['reason']}")
            for kind, row in result["rows"]:
                if kind == "imported" and "listed" in row:
                    print(f"  corrected: line {row['line']}: {row['listed']} ({row['correction']})")
            for row in result["bad_rows"]:
                print(f"  wrong: line {row['line']}: {row['arxiv']} {row['title']!r}")
            for key in result["missing"]:
                print(f"  unaccounted: {key[0]}:{key[1]}")
        failed |= result["percent"] < THRESHOLD or bool(result["wrong"] or result["unaccounted"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
