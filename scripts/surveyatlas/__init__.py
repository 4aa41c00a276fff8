"""LLM Survey Atlas: surveys and papers as YAML, rendered into a searchable site."""

__version__ = "0.1.0"
