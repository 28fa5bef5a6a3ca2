"""Benchmarks: each bench_*.py prints figures; `python -m bench` runs them all.
Budgets live in DESIGN.md §11 and the README table, never in tests."""
