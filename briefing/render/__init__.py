"""Views → HTML pages. ``urls`` knows where pages live; ``text`` escapes data; ``pages`` lays them out."""

from .pages import EMBEDS, Page, Renderer, TocEntry
from .urls import Urls

__all__ = ["EMBEDS", "Page", "Renderer", "TocEntry", "Urls"]
