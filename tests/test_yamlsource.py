"""Reading YAML: strings stay strings, and every malformed file gets one clear problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveyatlas.yamlsource import MAX_FILE_BYTES, decode, find_mark, parse_yaml, read_text


def parse(text: str):
    return parse_yaml(text, "f.yml")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2301.10010", "2301.10010"),  # YAML 1.1 would read a float
        ("NO", "NO"),  # ... a boolean
        ("0123", "0123"),  # ... an octal number
        ("1:20", "1:20"),  # ... a sexagesimal number
        ("2023-04-01", "2023-04-01"),  # ... a date
        ("'quoted'", "quoted"),
        ("null", None),
        ("~", None),
        ("", None),
        ('"null"', "null"),  # quoted words are text
    ],
)
def test_scalars_stay_as_written(written: str, expected: object) -> None:
    data, problems = parse(f"value: {written}\n")
    assert problems == []
    assert data == {"value": expected}


def test_nested_structures() -> None:
    data, problems = parse("a: [1, two]\nb: {c: d}\nc:\n  - x\n  - {y: z}\n")
    assert problems == []
    assert data == {"a": ["1", "two"], "b": {"c": "d"}, "c": ["x", {"y": "z"}]}


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("a: 1\na: 2\n", "yaml-duplicate-key", 2, 1),
        ("a: &x 1\nb: *x\n", "yaml-anchor", 1, 4),
        ("a: !!python/object:os.system 1\n", "yaml-tag", 1, 4),
        ("a: !custom x\n", "yaml-tag", 1, 4),
        ("a: 1\n---\nb: 2\n", "yaml-multi-doc", 2, 1),
        ("a:\n\t- b\n", "yaml-tab", 2, 1),
        ("a: [1, 2\n", "yaml-syntax", 2, 1),
        ("? [a]\n: b\n", "yaml-complex-key", 1, 3),
    ],
)
def test_malformed_yaml_is_one_located_problem(text: str, code: str, line: int, col: int) -> None:
    data, problems = parse(text)
    assert data is None
    assert [(p.code, p.line, p.col) for p in problems] == [(code, line, col)]
    assert problems[0].hint


def test_duplicate_key_names_the_first() -> None:
    _, problems = parse("title: a\nother: b\ntitle: c\n")
    assert problems[0].message == "duplicate key 'title' (first at line 1)"


def test_empty_and_comment_only_files() -> None:
    for text in ("", "# just a comment\n", "\n\n"):
        data, problems = parse(text)
        assert data is None
        assert [p.code for p in problems] == ["file-empty"]


def test_deep_nesting_is_refused_without_crashing() -> None:
    # libyaml's own composer recurses in C and crashes the interpreter on this.
    text = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    data, problems = parse(text)
    assert data is None
    assert problems[0].code == "yaml-depth"


def test_alias_bomb_is_refused_at_the_first_alias() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    _, problems = parse("\n".join(lines) + "\n")
    assert problems[0].code == "yaml-anchor"


def test_bom_is_accepted_and_dropped() -> None:
    text, problems = decode("\ufeffa: b\n".encode(), "f.yml")
    assert problems == [] and text == "a: b\n"


def test_crlf_line_endings_are_fine() -> None:
    text, _ = decode(b"a: b\r\nc: d\r\n", "f.yml")
    assert parse(text or "") == ({"a": "b", "c": "d"}, [])


def test_invalid_utf8_is_located() -> None:
    text, problems = decode(b"a: ok\nb: caf\xe9\n", "f.yml")
    assert text is None
    assert (problems[0].code, problems[0].line, problems[0].col) == ("file-encoding", 2, 7)


def test_control_characters_are_located() -> None:
    text, problems = decode(b"a: ok\nb: x\x07y\n", "f.yml")
    assert text is None
    assert (problems[0].code, problems[0].line, problems[0].col) == ("file-control-char", 2, 5)
    assert "U+0007" in problems[0].message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    text, problems = read_text(path, "big.yml")
    assert text is None and problems[0].code == "file-too-large"


def test_symlink_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "real.yml"
    target.write_text("a: b\n")
    link = tmp_path / "link.yml"
    link.symlink_to(target)
    text, problems = read_text(link, "link.yml")
    assert text is None and problems[0].code == "file-symlink"


def test_find_mark_points_at_values_keys_and_missing_keys() -> None:
    text = "id: x\nlinks:\n  code: bad\ntopics:\n  - a\n  - b\n"
    assert find_mark(text, ("links", "code")) == (3, 9)
    assert find_mark(text, ("links", "code"), key=True) == (3, 3)
    assert find_mark(text, ("topics", 1)) == (6, 5)
    # a missing key reports the mapping that should hold it
    assert find_mark(text, ("links", "project")) == (3, 3)
