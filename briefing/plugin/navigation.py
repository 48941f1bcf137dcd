"""The sidebar's navigation items rendered once for every page that would get the same HTML (issue 17).

Material renders the whole navigation for every page: at 5,000 records a fifth of a build, for a sidebar that
is the same on almost every page. What an item's HTML depends on is known from the theme partial
(``theme/partials/nav-item.html``): the item and its descendants (titles, URLs, which are active), the page
(compared with the items, and its table of contents under its own item), the section that stands in for a
record page (``briefing_section``), the item's parent's state, and each URL as the ``url`` filter makes it
relative to the page. So an item whose subtree holds neither the page nor that section, and is not active, is
rendered once per build for each set of relative URLs it shows, and given to every other page that shows the
same. The page's own branch is rendered for each page, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jinja2
import mkdocs.utils
import mkdocs.utils.templates

# The key of one item's HTML: the item, where it sits, its parent's state, the URLs it shows as relative to
# the page.
_Key = tuple[int, str, int, bool, tuple[str, ...]]


def relies_on_known_url_filter(env: jinja2.Environment) -> bool:
    """Whether the theme's ``url`` filter is MkDocs' own, whose result :func:`mkdocs.utils.normalize_url` gives."""
    return env.filters.get("url") is mkdocs.utils.templates.url_filter


class NavigationCache:
    """One build's rendered navigation items; called from the partial in place of its ``render`` macro."""

    def __init__(self) -> None:
        self._html: dict[_Key, str] = {}
        self._urls: dict[int, tuple[str, ...]] = {}  # by item: the URLs of the item and its descendants
        self._members: dict[int, frozenset[int]] = {}  # by item: the ids of the item and what is under it

    def __call__(self, render: Callable[..., Any], nav_item: Any, path: str, level: int, parent: Any,  # noqa: PLR0917
                 page: Any, section: Any, base_url: str) -> Any:
        """``render(nav_item, path, level, parent)``, Material's macro, or what it gave for another page that
        shows the item alike; ``section`` is the page that stands in for a record page in the navigation."""
        if not self._shareable(nav_item, page, section):
            return render(nav_item, path, level, parent)
        parent_active = not isinstance(parent, jinja2.Undefined) and bool(getattr(parent, "active", False))
        urls = tuple(mkdocs.utils.normalize_url(url, page=page, base=base_url) for url in self._urls_of(nav_item))
        key = (id(nav_item), path, level, parent_active, urls)
        found = self._html.get(key)
        if found is None:
            found = self._html[key] = render(nav_item, path, level, parent)
        return found

    def _shareable(self, nav_item: Any, page: Any, section: Any) -> bool:
        """Whether the item's HTML is the same on every page with the same relative URLs: it is not active,
        and neither the page nor the section standing in for it is under it."""
        if getattr(nav_item, "active", True) or page is None:
            return False
        members = self._members_of(nav_item)
        return id(page) not in members and (section is None or id(section) not in members)

    def _members_of(self, nav_item: Any) -> frozenset[int]:
        found = self._members.get(id(nav_item))
        if found is None:
            found = self._members[id(nav_item)] = frozenset(id(item) for item in _subtree(nav_item))
        return found

    def _urls_of(self, nav_item: Any) -> tuple[str, ...]:
        found = self._urls.get(id(nav_item))
        if found is None:
            found = self._urls[id(nav_item)] = tuple(str(url) for item in _subtree(nav_item)
                                                     if (url := getattr(item, "url", None)) is not None)
        return found


def _subtree(nav_item: Any) -> Iterator[Any]:
    """The item, its children's subtrees, and the pages a section lists besides (a blog's archive)."""
    yield nav_item
    for child in getattr(nav_item, "children", None) or ():
        yield from _subtree(child)
    pages = getattr(nav_item, "pages", None)
    if isinstance(pages, list | tuple):
        yield from pages
