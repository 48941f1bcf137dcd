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

from collections.abc import Callable
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
        if page is None:
            return render(nav_item, path, level, parent)
        # The item and everything under it, walked on every call: a plugin may swap items in the navigation
        # from one page to the next (Material's blog does, for a paginated archive).
        ids: list[int] = []
        urls: list[str] = []
        waiting = [nav_item]
        while waiting:
            item = waiting.pop()
            if item is page or item is section or getattr(item, "active", True):
                return render(nav_item, path, level, parent)
            ids.append(id(item))
            if (address := getattr(item, "url", None)) is not None:
                urls.append(str(address))
            waiting += getattr(item, "children", None) or ()
            listed = getattr(item, "pages", None)  # the pages a section lists besides (a blog's archive)
            if isinstance(listed, list | tuple):
                if any(shown is page or shown is section or getattr(shown, "active", True) for shown in listed):
                    return render(nav_item, path, level, parent)
                ids += map(id, listed)
        url = context.environment.filters["url"]
        parent_active = not isinstance(parent, jinja2.Undefined) and bool(getattr(parent, "active", False))
        key = (tuple(ids), path, level, parent_active, tuple(url(context, address) for address in urls))
        found = self._html.get(key)
        if found is None:
            found = self._html[key] = render(nav_item, path, level, parent)
        return found

