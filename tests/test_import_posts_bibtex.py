"""`surveyatlas import posts` (Jekyll posts with facets) and `import bibtex`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from surveyatlas.cli import main
from surveyatlas.loader import load_content
from surveyatlas.problems import ExitCode
from surveyatlas.yamlsource import parse_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.fixture
def content(atlas_copy: Path) -> Path:
    shutil.copy(FIXTURES / "mm-demo.yml", atlas_copy / "surveys" / "mm-demo.yml")
    return atlas_copy


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code = main(["import", *argv, "--json"])
    captured = capsys.readouterr()
    assert code == ExitCode.OK, captured.err
    return json.loads(captured.out)


def read(path: Path) -> dict:
    data, problems = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    return data


def posts(content: Path, *extra: str) -> list[str]:
    return [
        "posts",
        str(FIXTURES / "posts"),
        "--survey",
        "mm-demo",
        "--content",
        str(content),
        "--map",
        str(FIXTURES / "mm-demo.map.yml"),
        *extra,
    ]


def test_posts_keep_their_structured_fields_as_facets(content: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    report = run(capsys, *posts(content))
    assert (report["new"], report["merged"], report["topics"]) == (1, 1, 0)
    vislm = read(content / "papers" / "vislm.yml")  # already in the atlas: gains topic and facets
    assert vislm["topics"][-1] == "mm-demo/models"
    assert vislm["facets"]["mm-demo"] == {
        "function": ["understanding"],
        "design": "end-to-end",
        "input": ["image", "video", "text"],
        "output": ["bounding-box", "text"],
    }
    assert vislm["venue"] == "NeurIPS 2023"  # unchanged
    bench = read(content / "papers" / "chartbench.yml")
    assert bench["title"] == "ChartBench: Questions About Charts for Vision-Language Models"
    assert bench["topics"] == ["mm-demo/benchmarks"]
    assert bench["organizations"] == ["Example Institute"]
    assert bench["links"] == {"project": "https://example.org/chartbench"}
    assert "venue" not in bench  # "Arxiv" is not a venue
    assert bench["facets"]["mm-demo"] == {"input": ["image", "text"], "output": ["text"]}
    assert not load_content(content).errors


def test_posts_report_each_file(content: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    report = run(capsys, *posts(content, "--dry-run"))
    files = {Path(row["file"]).name for row in report["imported"]}
    assert files == {"2023-04-17-VisLM.md", "2024-03-01-ChartBench.md"}


def test_posts_and_a_markdown_list_share_entries(content: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run(capsys, *posts(content))
    run(
        capsys,
        "markdown",
        str(FIXTURES / "record_list.md"),
        "--survey",
        "mm-demo",
        "--under",
        "models",
        "--content",
        str(content),
    )
    files = [
        p.name
        for p in (content / "papers").glob("*.yml")
        if '"2304.00011"' in p.read_text(encoding="utf-8")
    ]
    assert files == ["vislm.yml"]


def bib(content: Path, *extra: str) -> list[str]:
    return [
        "bibtex",
        str(FIXTURES / "refs.bib"),
        "--survey",
        "vision-language",
        "--topic",
        "training/pretraining",
        "--content",
        str(content),
        *extra,
    ]


def test_bibtex_entries_go_to_the_topic(content: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    report = run(capsys, *bib(content))
    assert report["new"] == 3
    glimpse = read(content / "papers" / "glimpsenet.yml")
    assert glimpse["authors"] == ["Ana Quill", "Cleo Birch", "others"]
    assert (glimpse["arxiv"], glimpse["date"]) == ("2305.01234", "2023-05")
    assert glimpse["topics"] == ["vision-language/training/pretraining"]
    accents = next(
        read(p)
        for p in (content / "papers").glob("*.yml")
        if "10.1234/example.2021.7" in p.read_text(encoding="utf-8")
    )
    assert accents["title"] == "Accents in BibTeX: Über École"
    assert accents["authors"] == ["Pere Nadal", "Otília Tarján"]
    assert (accents["date"], accents["venue"]) == (
        "2021-06",
        "Proceedings of the Example Workshop 2021",
    )
    vale = next(
        read(p)
        for p in (content / "papers").glob("*.yml")
        if "2405.06060" in p.read_text(encoding="utf-8")
    )
    assert "venue" not in vale  # "arXiv preprint" is not a venue
    (skipped,) = report["skipped"]
    assert skipped["line"] == 20 and skipped["reason"].startswith("BibTeX block cannot be read")
    assert not load_content(content).errors


def test_bibtex_topic_must_exist(content: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    args = [
        "import",
        "bibtex",
        str(FIXTURES / "refs.bib"),
        "--survey",
        "vision-language",
        "--topic",
        "nowhere",
        "--content",
        str(content),
    ]
    assert main(args) == ExitCode.USAGE
    assert "--topic nowhere: not a topic of 'vision-language'" in capsys.readouterr().err


def test_posts_of_one_paper_pool_their_facets_and_links_go_by_address(
    content: Path, capsys, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    mapping = tmp_path / "shared.map.yml"
    mapping.write_text("topics: {MM-LLMs: models, IT Dataset: models}\n", "utf-8")
    source = FIXTURES / "shared_posts"
    run(capsys, "posts", str(source), "--survey", "mm-demo", "--content", str(content),
        "--map", str(mapping))  # fmt: skip
    heron = read(content / "papers" / "heron.yml")
    assert heron["facets"]["mm-demo"] == {  # the dataset post's modalities, the model's kind
        "input": ["image", "text"],
        "output": ["text"],
        "function": ["understanding"],
        "design": "end-to-end",
    }
    assert heron["links"] == {  # both labelled "GitHub Link"; neither is code
        "project": "https://example.github.io/heron",
        "data": "https://huggingface.co/datasets/example/heron-it",
    }
