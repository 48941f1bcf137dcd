"""What one ``mkdocs serve`` hands from build to build."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .documents import DocumentCache

R = TypeVar("R")


@dataclass
class Session(Generic[R]):
    """The files already parsed, and the last good build (the pipeline's result), whose pages and pieces of
    pages are taken over wherever they show nothing that changed."""

    documents: DocumentCache = field(default_factory=DocumentCache)
    last_good: R | None = None
