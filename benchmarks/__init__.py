"""Benchmarks for issue 7, "Performance at scale": a synthetic briefing generator, its Markdown twin, a runner."""
