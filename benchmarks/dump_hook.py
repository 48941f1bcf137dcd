"""An MkDocs hook that records what the plugin build produced, for the Markdown twin (``benchmarks/twin.py``).

Runs after every plugin (lowest priority) and changes nothing: it writes, to the JSON file named by the
``BRIEFING_BENCH_DUMP`` environment variable, every page's source path, title and body HTML (as
``on_page_content`` leaves it, i.e. what the theme wraps), and the final ``extra_css``/``extra_javascript``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

DUMP_VARIABLE = "BRIEFING_BENCH_DUMP"
_pages: list[dict[str, str]] = []
_extra: dict[str, list[str]] = {}


@event_priority(-100)
def on_config(config: Any) -> Any:
    _pages.clear()
    _extra["extra_css"] = [str(x) for x in config.extra_css]
    _extra["extra_javascript"] = [str(x) for x in config.extra_javascript]
    return config


@event_priority(-100)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    _pages.append({"src_uri": page.file.src_uri, "title": str(page.title or ""), "html": html})
    return html


@event_priority(-100)
def on_post_build(config: Any) -> None:
    target = os.environ.get(DUMP_VARIABLE)
    if target:
        Path(target).write_text(json.dumps({"pages": _pages, **_extra}, ensure_ascii=False), encoding="utf-8")
