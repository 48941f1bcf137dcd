"""Views → HTML pages. ``urls`` knows where pages live; ``text`` escapes data; ``pages`` lays them out."""

from briefing.urls import Urls

from .pages import Page, Renderer, TocEntry

__all__ = ["Page", "Renderer", "TocEntry", "Urls"]
