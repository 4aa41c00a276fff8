"""Acceptance: every shipped content file is in the canonical layout (`fmt --check` passes).

Content arrives from several people at once and is formatted in one commit; until that
commit this test is an expected failure. It is strict, so the moment the content is
canonical it reports "XPASS(strict)" and fails: delete the marker in that commit.
"""

from __future__ import annotations

import pytest

from surveyatlas.cli import main

from .conftest import ROOT


def test_fmt_check_passes_on_all_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", "--check", "--content", str(ROOT / "content")]) == 0, capsys.readouterr()
