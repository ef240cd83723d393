"""Checks that a page or a message is wholly in one language, using our own catalogue."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
)
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
_TAG = re.compile(r"<[^>]+>")


@cache
def _phrases() -> dict[str, frozenset[str]]:
    """Sentences of the catalogue that differ between the languages, per language.

    Only pieces long enough to be telling (two words or more) are kept; placeholders split
    a message into the fixed pieces around them.
    """
    english, french = set(), set()
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="fr")
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        for source, translation in zip(ids, strings, strict=False):
            if source == translation:
                continue
            english.update(_pieces(source))
            french.update(_pieces(translation))
    shared = english & french
    return {"en": frozenset(english - shared), "fr": frozenset(french - shared)}


def _flat(text: str) -> str:
    """Spacing folded: French typography's no-break spaces count as spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _pieces(text: str) -> list[str]:
    pieces = (_flat(piece).strip(" :,.;!?") for piece in _PLACEHOLDER.split(text))
    return [piece for piece in pieces if len(piece) >= 12 and " " in piece]


def visible_text(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def other_language_phrases(text: str, language: str) -> list[str]:
    """Phrases of the other language's catalogue found in ``text`` (should be none)."""
    other = "en" if language == "fr" else "fr"
    flat = _flat(text)
    return sorted(phrase for phrase in _phrases()[other] if phrase in flat)
