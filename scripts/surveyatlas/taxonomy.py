"""Walking a survey's taxonomy tree: paths, locations in the file, and lookups."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .schema import Survey, Topic


@dataclass(frozen=True)
class Node:
    path: str  # "survey-id/topic/subtopic"
    topic: Topic
    loc: tuple[str | int, ...]  # where the topic sits in the survey file
    depth: int  # 1 for top-level topics
    parent: str  # path of the parent node; the survey id for top-level topics

    @property
    def is_leaf(self) -> bool:
        return not self.topic.children


def walk(survey: Survey) -> Iterator[Node]:
    """Every node of the tree, depth first, in the order the survey gives them.

    Recursion is safe: the YAML reader caps nesting, and so the tree's depth.
    """
    yield from _walk(survey.taxonomy, survey.id, ("taxonomy",), 1)


def _walk(
    topics: list[Topic], parent: str, loc: tuple[str | int, ...], depth: int
) -> Iterator[Node]:
    for index, topic in enumerate(topics):
        path = f"{parent}/{topic.id}"
        here = (*loc, index)
        yield Node(path, topic, here, depth, parent)
        if topic.children:
            yield from _walk(topic.children, path, (*here, "children"), depth + 1)


def node_map(survey: Survey) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    for node in walk(survey):
        nodes.setdefault(node.path, node)
    return nodes
