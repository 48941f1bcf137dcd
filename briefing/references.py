"""Temporary alias while the rename to content_links lands; imports should use briefing.content_links."""

from .content_links import *  # noqa: F403
from .content_links import _OPTION, EMBED, EMBED_OPTIONS, REFERENCE, markdown_pages, scan  # noqa: F401
