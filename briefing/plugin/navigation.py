"""The sidebar's navigation items rendered once for every page that would get the same HTML (issue 17).

Material renders the whole navigation for every page: at 5,000 records a fifth of a build, for a sidebar that
is the same on almost every page. What an item's HTML depends on is known from the theme partial
(``theme/partials/nav-item.html``): the item and its descendants (which they are, which are active), the
page (compared with the items, and its table of contents under its own item), the section that stands in for
a record page (``briefing_section``), the item's parent's state, and each URL as the ``url`` filter makes it
for the page. So an item whose subtree holds neither the page nor that section, and is not active, is rendered
once per build for each such set of URLs, and given to every other page that shows the same. The page's own
branch is rendered for each page, as before. The URLs are asked of the ``url`` filter the theme has, so a
plugin that wraps it (Material's blog does) is heard too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from jinja2.runtime import Context


class NavigationCache:
    """One build's rendered navigation items; called from the partial in place of its ``render`` macro."""

    def __init__(self) -> None:
        self._html: dict[tuple[Any, ...], str] = {}

    @jinja2.pass_context
    def __call__(self, context: Context, render: Callable[..., Any], nav_item: Any, path: str, level: int,  # noqa: PLR0917
                 parent: Any) -> Any:
        """``render(nav_item, path, level, parent)``, Material's macro, or what it gave on another page that
        shows the item alike."""
        page, section = context.get("page"), context.get("briefing_section")
        items = list(_subtree(nav_item))
        if page is None or any(item is page or item is section or getattr(item, "active", True) for item in items):
            return render(nav_item, path, level, parent)
        url = context.environment.filters["url"]
        parent_active = not isinstance(parent, jinja2.Undefined) and bool(getattr(parent, "active", False))
        key = (tuple(map(id, items)), path, level, parent_active,
               tuple(url(context, str(item.url)) for item in items if getattr(item, "url", None) is not None))
        found = self._html.get(key)
        if found is None:
            found = self._html[key] = render(nav_item, path, level, parent)
        return found


def _subtree(nav_item: Any) -> Iterator[Any]:
    """The item, its children's subtrees, and the pages a section lists besides (a blog's archive)."""
    yield nav_item
    for child in getattr(nav_item, "children", None) or ():
        yield from _subtree(child)
    pages = getattr(nav_item, "pages", None)
    if isinstance(pages, list | tuple):
        yield from pages
