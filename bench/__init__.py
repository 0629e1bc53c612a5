"""Benchmarks for decline-tui: run with `python -m bench` from the repository root."""
