"""How well two members suit each other, rule by rule, and the weight that ranks pairings.

In priority order (a rule is never traded for any amount of the ones after it):
1. the number of pairs; 2. mutual fit, what one seeks the other offers (0, 1 or 2
directions); 3. a useful language match, a learner of English with a fluent speaker, a
learner of French with a French speaker (0, 1 or 2); 4. sector variety, a partner from a
sector the member has not met yet (0, 1 or 2 members).
"""

from __future__ import annotations

from dataclasses import dataclass

from business_corner.services.tandems.members import Member
from business_corner.vocabulary import Sector


@dataclass(frozen=True)
class PairFit:
    #: What ``a`` seeks that ``b`` offers, and the other way round.
    a_finds: frozenset[Sector]
    b_finds: frozenset[Sector]
    #: Who practises English with a fluent speaker ("a", "b" or ""), and French.
    english_learner: str
    french_learner: str
    new_sector_for_a: bool
    new_sector_for_b: bool

    @property
    def mutual(self) -> int:
        return int(bool(self.a_finds)) + int(bool(self.b_finds))

    @property
    def language(self) -> int:
        return int(bool(self.english_learner)) + int(bool(self.french_learner))

    @property
    def variety(self) -> int:
        return int(self.new_sector_for_a) + int(self.new_sector_for_b)


def pair_fit(a: Member, b: Member) -> PairFit:
    return PairFit(
        a_finds=a.seeks & b.offered,
        b_finds=b.seeks & a.offered,
        english_learner=_learner(a, b, "english"),
        french_learner=_learner(a, b, "french"),
        new_sector_for_a=b.sector not in a.past_sectors,
        new_sector_for_b=a.sector not in b.past_sectors,
    )


def _learner(a: Member, b: Member, language: str) -> str:
    def helps(learner: Member, speaker: Member) -> bool:
        return bool(
            getattr(learner, f"learns_{language}") and getattr(speaker, f"fluent_in_{language}")
        )

    if helps(a, b):
        return "a"
    if helps(b, a):
        return "b"
    return ""


@dataclass(frozen=True)
class Weights:
    """Integer weights whose sum over any pairing orders pairings lexicographically by
    (pairs, mutual fit, language, variety): each unit of a rule outweighs the most that all
    the rules after it can add up to over ``most_pairs`` pairs."""

    language: int
    mutual: int
    pair: int

    @classmethod
    def for_pairs(cls, most_pairs: int) -> Weights:
        top = 2 * max(most_pairs, 1)  # each rule scores at most 2 per pair
        language = top + 1
        mutual = top * language + top + 1
        pair = top * mutual + top * language + top + 1
        return cls(language, mutual, pair)

    def of(self, mutual: int, language: int, variety: int) -> int:
        return self.pair + mutual * self.mutual + language * self.language + variety
