"""What an import did (or, with --dry-run, would do), as JSON or as text for people."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .plan import ImportPlan


@dataclass
class ImportReport:
    source: str
    survey: str
    plan: ImportPlan
    dry_run: bool
    written: list[str] = field(default_factory=list)

    def imported(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        plans = [(e.plan, "new", e.data["id"]) for e in self.plan.new]
        plans += [(u.plan, "merged", u.plan.paper_id) for u in self.plan.updates]
        plans += [(p, "unchanged", p.paper_id) for p in self.plan.unchanged]
        fixes = {id(c.candidate): c for c in self.plan.corrected}
        for plan, status, paper_id in plans:
            for index, (mention, topic) in enumerate(plan.mentions):
                row: dict[str, Any] = {
                    "line": mention.line,
                    "end": mention.end,
                    "paper": paper_id,
                    "title": mention.title,
                    "arxiv": mention.arxiv,
                    "doi": mention.doi,
                    "topic": topic,
                    "status": status if index == 0 else "repeat",
                }
                if mention.source and mention.source != self.source:
                    row["file"] = mention.source
                fix = fixes.get(id(mention))
                if fix is not None:
                    row["listed"] = fix.listed
                    row["correction"] = fix.correction.source
                rows.append(row)
        return sorted(rows, key=lambda r: (r.get("file", ""), r["line"], r["paper"] or ""))

    def to_dict(self) -> dict[str, Any]:
        plan = self.plan
        return {
            "source": self.source,
            "survey": self.survey,
            "dry_run": self.dry_run,
            "papers": len(plan.new) + len(plan.updates) + len(plan.unchanged),
            "new": len(plan.new),
            "merged": len(plan.updates) + len(plan.unchanged),
            "unchanged": len(plan.unchanged),
            "topics": len(plan.topics),
            "new_topics": [{"path": t.path, "name": t.name} for t in plan.topics],
            "imported": self.imported(),
            "skipped": [s.to_dict(self.source) for s in plan.skipped],
            "corrected": len(plan.corrected),
            "corrections": [c.to_dict(self.source) for c in plan.corrected],
            "unused_corrections": [c.key for c in plan.unused_corrections],
            "written": self.written,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_text(self) -> str:
        plan = self.plan
        merged = len(plan.updates) + len(plan.unchanged)
        total = len(plan.new) + merged
        lines = [
            f"{self.source} -> {self.survey}: {total} papers, {len(plan.new)} new, "
            f"{merged} already in the atlas ({len(plan.updates)} gain a topic or facets, "
            f"{len(plan.unchanged)} unchanged)"
        ]
        if plan.topics:
            lines.append(f"new topics ({len(plan.topics)}):")
            lines += [f"  {t.path}  {t.name}" for t in plan.topics]
        lines += self._corrections_text()
        if plan.skipped:
            lines.append(f"skipped ({len(plan.skipped)}):")
            for skip in plan.skipped:
                other = skip.source and skip.source != self.source
                where = f"{skip.source}:{skip.line}" if other else f"line {skip.line}"
                lines.append(f"  {where}: {skip.reason}")
                lines.append(f"    {skip.text[:160]}")
        if plan.new:
            lines.append(
                "new papers have no summary and some have no authors: "
                "`surveyatlas check` lists what to fill in"
            )
        if self.dry_run:
            lines.append("dry run: nothing was written")
        else:
            lines.append(f"wrote {len(self.written)} files")
        return "\n".join(lines) + "\n"

    def _corrections_text(self) -> list[str]:
        lines = []
        if self.plan.corrected:
            lines.append(f"corrected by the map ({len(self.plan.corrected)}):")
            for fix in self.plan.corrected:
                c = fix.candidate
                other = c.source and c.source != self.source
                where = f"{c.source}:{c.line}" if other else f"line {c.line}"
                changes = ", ".join(
                    f"{name} {fix.listed.get(name)!r} -> {value!r}"
                    for name, value in fix.used.items()
                )
                lines.append(f"  {where}: {changes} (checked: {fix.correction.source})")
        if self.plan.unused_corrections:
            keys = ", ".join(repr(c.key) for c in self.plan.unused_corrections)
            lines.append(f"corrections that matched no line (remove them?): {keys}")
        return lines
