"""Finding people by what an organiser types: case, accents and extra spaces do not matter.

The check-in page's script compares the same keys as the server (it normalises only what is
typed, the same way), so a search gives the same people with and without JavaScript.
"""

from __future__ import annotations

import unicodedata


def search_key(*texts: str) -> str:
    """The texts as searches compare them: lower case, without accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", " ".join(texts))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def matches(query: str, key: str) -> bool:
    """Every word typed appears in the key ("ana calanq" finds Ana Martin of Calanques)."""
    return all(word in key for word in search_key(query).split())
