"""Pieces of pages (quote cards, position items, table rows, print sections) kept between preview builds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .reads import Changes, Reads, reusable

PieceKey = tuple[str, str, str, str, tuple[tuple[str, Any], ...]]  # page, template, macro, record id, options


@dataclass(frozen=True)
class Piece:
    """A rendered piece of a page and what it read."""

    html: Markup
    reads: Reads


def carry_pieces(pieces: Mapping[PieceKey, Piece], changes: Changes | None,
                 pages: Iterable[str]) -> dict[PieceKey, Piece]:
    """The pieces of the previous build that read nothing in ``changes``, on pages that still exist."""
    live = set(pages)
    return {key: piece for key, piece in pieces.items() if key[0] in live and reusable(piece.reads, changes)}
