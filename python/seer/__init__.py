"""Seer Python SDK: the model runtime harness (``python3 -m seer.runtime``)."""

__version__ = "0.1.0"
