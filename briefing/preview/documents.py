"""Parsed data files kept through a preview: a file whose text is the same is not parsed again."""

from __future__ import annotations

from pathlib import Path

from briefing.diagnostics import BriefingError
from briefing.loader import Document, read_document, read_text, relative_name, unreadable_document


class DocumentCache:
    """Parsed files by name and text, so that each rebuild of a preview parses only the files that changed."""

    def __init__(self) -> None:
        self._documents: dict[str, tuple[str, Document]] = {}

    def load(self, path: Path, root: Path) -> Document:
        """The file as :func:`briefing.loader.load_file` reads it, parsed again only if its text changed."""
        name = relative_name(path, root)
        try:
            text = read_text(path, name)
        except BriefingError as exc:
            return unreadable_document(path, name, exc)
        kept = self._documents.get(name)
        if kept is not None and kept[0] == text:
            return kept[1]  # documents are only read downstream, so one object can serve every build
        document = read_document(text, name)
        self._documents[name] = (text, document)
        return document
