"""``python -m surveyatlas.bench.core CONTENT TEMPLATES``: time the core stages once.

Runs in a fresh interpreter so each measurement starts cold (no warm caches, nothing left
from a previous size) and prints one JSON line: seconds for read (files to YAML data),
validate, index, render and their total, and the peak memory of the process.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from .. import pipeline


def measure(content: Path, templates: Path) -> dict[str, float]:
    started = time.perf_counter()
    cpu = time.process_time()
    result = pipeline.build(content, templates)
    total = time.perf_counter() - started
    if result.site is None:
        raise SystemExit(f"the content has {len(result.content.errors)} errors")
    timings = result.timings
    return {
        "read": timings["read"],
        "validate": timings["validate"],
        "index": timings["index"],
        "render": timings["render"],
        "total": total,
        "cpu": time.process_time() - cpu,
        "pages": len(result.site.pages),
        # The render's second process (twocores.py) counts too: the larger of the two.
        "peak_mb": max(
            resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        / 1024,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    print(json.dumps(measure(Path(argv[0]), Path(argv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
