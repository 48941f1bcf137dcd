"""Views → HTML pages. ``urls`` knows where pages live; ``text`` escapes data; ``pages`` lays them out."""

from .pages import Page, Renderer, TocEntry
from .urls import Urls

__all__ = ["Page", "Renderer", "TocEntry", "Urls"]
