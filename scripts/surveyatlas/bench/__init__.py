"""Benchmarks: synthetic atlases at scale, and the measurements behind BENCHMARKS.md.

:func:`generate_atlas` is the stable entry point other tools use to get a realistic
content folder of any size; ``surveyatlas bench`` runs the whole benchmark.
"""

from __future__ import annotations

from .generate import GeneratedAtlas, default_survey_count, generate_atlas

__all__ = ["GeneratedAtlas", "default_survey_count", "generate_atlas"]
