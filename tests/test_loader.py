"""Loading content: every problem in one run, located, sorted; valid files still load."""

from __future__ import annotations

from pathlib import Path

from surveyatlas.loader import ContentCache, load_content
from surveyatlas.problems import Problem, Severity

from .conftest import TODAY, Scratch


def problems_of(content_dir: Path) -> list[Problem]:
    """Problems, without the 'topic has no papers' warnings small test atlases always have."""
    return [p for p in load_content(content_dir, today=TODAY).problems if p.code != "empty-topic"]


def located(content_dir: Path) -> list[tuple[str, int, int, str, str]]:
    return [(Path(p.path).name, p.line, p.col, p.field, p.code) for p in problems_of(content_dir)]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_fixture_atlas_is_clean(atlas_copy: Path) -> None:
    content = load_content(atlas_copy, today=TODAY)
    assert content.problems == []
    assert sorted(content.surveys) == ["efficient-tuning", "vision-language"]
    assert len(content.papers) == 7


def test_broken_copy_reports_every_problem(atlas_copy: Path) -> None:
    papers = atlas_copy / "papers"
    replace(papers / "vislm.yml", "date: 2023-04-17", "date: 2023/04")
    replace(papers / "clipish.yml", "architecture/encoders", "architecture/encoder")
    replace(papers / "lowrank.yml", 'title: "LowRank: Cheap Updates for Big Models"\n', "")
    replace(papers / "quantlr.yml", "summary:", "summmary:")
    replace(
        papers / "pretrain-mix.yml",
        "authors: [Ida Scholar, Jo Scholar]",
        "authors:\n\t- Ida Scholar",
    )
    replace(papers / "hostile-title.yml", 'arxiv: "2401.00050"', "arxiv: 2401.00050")
    assert located(atlas_copy) == [
        ("clipish.yml", 6, 10, "topics[0]", "unknown-topic"),
        ("hostile-title.yml", 5, 8, "arxiv", "unquoted-text"),
        ("lowrank.yml", 1, 1, "title", "missing"),
        ("pretrain-mix.yml", 4, 1, "", "yaml-tab"),
        ("quantlr.yml", 8, 1, "summmary", "unknown-key"),
        ("vislm.yml", 4, 7, "date", "date-format"),
    ]


def test_unquoted_arxiv_id_keeps_its_digits(scratch: Scratch) -> None:
    scratch.survey()
    scratch.paper(
        "p",
        """
        id: p
        title: T
        authors: [A]
        date: 2023-01
        arxiv: 2301.10010
        topics: [demo/data]
        summary: S.
        added: 2026-11-01
        """,
    )
    content = load_content(scratch.root, today=TODAY)
    assert content.papers["p"].arxiv == "2301.10010"
    assert [p.severity for p in content.problems if p.code == "unquoted-text"] == [Severity.WARNING]


def test_unknown_key_suggests_the_close_one(scratch: Scratch) -> None:
    scratch.survey()
    scratch.paper(
        "p", "id: p\ntitel: T\nauthors: [A]\ndate: 2023\ntopics: [demo/data]\nadded: 2026-11-01\n"
    )
    problems = {p.field: p for p in problems_of(scratch.root)}
    assert problems["titel"].message == "unknown key 'titel'"
    assert problems["titel"].hint == "did you mean 'title'?"


def test_id_must_match_file_name(scratch: Scratch) -> None:
    scratch.survey()
    path = scratch.paper("p")
    path.rename(scratch.root / "papers" / "q.yml")
    problems = problems_of(scratch.root)
    assert [(p.code, p.message) for p in problems] == [
        ("id-stem", "id 'p' does not match the file name 'q.yml'")
    ]


def test_duplicates_across_files(scratch: Scratch) -> None:
    scratch.survey()
    body = """
        id: {id}
        title: {title}
        authors: [A]
        date: 2023-04
        arxiv: "2304.12345"
        doi: 10.1234/ABC.{id}
        topics: [demo/data]
        summary: S.
        added: 2026-11-01
        """
    scratch.paper("a", body.format(id="a", title="Same Title"))
    scratch.paper("b", body.format(id="b", title="same title!"))
    codes = [(Path(p.path).name, p.code) for p in problems_of(scratch.root)]
    assert codes == [("b.yml", "duplicate-title"), ("b.yml", "duplicate-arxiv")]


def test_near_duplicate_titles_warn(scratch: Scratch) -> None:
    scratch.survey()
    for pid, title in (
        ("a", "Learning to Retrieve Passages for Open Questions"),
        ("b", "Learning to Retrieve Passage for Open Questions"),
    ):
        scratch.paper(
            pid,
            f"id: {pid}\ntitle: {title}\nauthors: [A]\ndate: '2023'\n"
            f"links: {{paper: https://example.org/{pid}}}\ntopics: [demo/data]\n"
            "summary: S.\nadded: 2026-11-01\n",
        )
    problems = problems_of(scratch.root)
    assert [(p.code, p.severity) for p in problems] == [("near-duplicate-title", Severity.WARNING)]


def test_errors_in_many_files_are_all_reported_sorted(scratch: Scratch) -> None:
    scratch.survey()
    scratch.paper(
        "z",
        "id: z\ntitle: ''\nauthors: []\ndate: 2023-99\narxiv: '1'\ntopics: [nope]\nadded: x\n"
        "links: {code: 'javascript:x', cod: y}\ntags: [Bad Tag]\nvenue: [a]\nextra: 1\n",
    )
    for name in ("a", "m", "c"):
        scratch.paper(name, f"id: {name}\ntitle: T {name}\n")
    problems = problems_of(scratch.root)
    assert [(p.path, p.line, p.col) for p in problems] == sorted(
        (p.path, p.line, p.col) for p in problems
    )
    by_file = {name: [p for p in problems if p.path.endswith(f"/{name}.yml")] for name in "amcz"}
    assert len(by_file["z"]) >= 10
    assert all(by_file[n] for n in "amc")
    assert all(p.line > 0 for p in problems)


def test_editor_artifacts_are_ignored_and_strays_reported(scratch: Scratch) -> None:
    scratch.survey()
    scratch.paper("p")
    for name in (".p.yml.swp", "p.yml~", "#p.yml#", ".#p.yml", "4913", "p.yml.tmp"):
        (scratch.root / "papers" / name).write_text("garbage: [", encoding="utf-8")
    (scratch.root / "papers" / "q.yaml").write_text("id: q\n", encoding="utf-8")
    (scratch.root / "papers" / "notes.txt").write_text("hi\n", encoding="utf-8")
    problems = problems_of(scratch.root)
    assert [(Path(p.path).name, p.code, p.severity) for p in problems] == [
        ("notes.txt", "unexpected-file", Severity.WARNING),
        ("q.yaml", "file-extension", Severity.ERROR),
    ]


def test_broken_survey_does_not_bury_its_papers_in_errors(scratch: Scratch) -> None:
    scratch.survey()
    scratch.paper("p")
    scratch.write("surveys/demo.yml", "id: demo\ntitle: [broken\n")
    problems = problems_of(scratch.root)
    assert [Path(p.path).name for p in problems] == ["demo.yml"]


def test_cache_reuses_unchanged_files_and_keeps_last_good(scratch: Scratch) -> None:
    scratch.survey()
    path = scratch.paper("p")
    cache = ContentCache()
    first = load_content(scratch.root, today=TODAY, cache=cache)
    assert "p" in first.papers
    path.write_text(path.read_text() + "bogus: [\n")
    fallback = load_content(scratch.root, today=TODAY, cache=cache, fallback=True)
    assert "p" in fallback.papers and fallback.stale == [str(path)]
    assert fallback.errors
    strict = load_content(scratch.root, today=TODAY, cache=cache)
    assert "p" not in strict.papers
