"""Planning rules that decide which topics an entry gains."""

from __future__ import annotations

from surveyatlas.importers.plan import new_topics


def test_a_paper_filed_below_a_topic_does_not_gain_the_topic_itself() -> None:
    planned = ["s/corpora", "s/corpora/web", "s/tuning", "s/corpora/web"]
    assert new_topics(planned) == ["s/corpora/web", "s/tuning"]


def test_existing_topics_are_neither_repeated_nor_generalised() -> None:
    existing = ["s/corpora/web", "other/topic"]
    assert new_topics(["s/corpora", "s/corpora/web", "s/corpora-extra"], existing) == [
        "s/corpora-extra"  # a sibling whose id only starts like "corpora"
    ]
    assert new_topics(["s/corpora/web/news"], existing) == ["s/corpora/web/news"]
