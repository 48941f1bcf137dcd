"""Incremental preview: during ``mkdocs serve``, redo only what an edit touches.

Every step of a preview build takes over what the previous build made wherever none of its inputs changed,
and the result is always what a full build would give:

| module | what it keeps between builds, and when it is taken over |
|---|---|
| ``documents`` | parsed YAML files, while their text is the same |
| ``reads`` | :class:`Reads` (what a page or piece showed), :class:`Changes`, and the one rule, :func:`reusable` |
| ``changes`` | :func:`changes_between` two builds' corpora |
| ``pieces`` | quote cards, table rows, print sections: :class:`Piece`, kept while they read nothing that changed |
| ``session`` | :class:`Session`: what one ``mkdocs serve`` hands from build to build |
| ``site`` | finished HTML of whole pages, reused while content, title, navigation and configuration are the same |
"""

from .changes import changes_between
from .reads import Changes, ReadLog, Reads, reusable
from .session import Session

__all__ = ["Changes", "ReadLog", "Reads", "Session", "changes_between", "reusable"]
