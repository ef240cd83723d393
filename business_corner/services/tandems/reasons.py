"""Why a pair was made, or why someone has no partner: codes and values, told in words.

Reasons are stored as a code and values (member keys "a"/"b", sector codes, levels), never
as a sentence: a stored round reads in French or in English as the reader chooses, and a
member who leaves takes their name with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from business_corner.services.tandems.fit import PairFit
from business_corner.vocabulary import Sector


class WhyCode(StrEnum):
    # Why this pair.
    FINDS = "finds"
    NO_FIT = "no_fit"
    ENGLISH = "english"
    FRENCH = "french"
    BOTH_LANGUAGES = "both_languages"
    NEW_SECTOR = "new_sector"
    CHOSEN_BY_ORGANISER = "chosen_by_organiser"
    # Why unpaired.
    NO_HOURS_IN_PERIOD = "no_hours_in_period"
    NOBODY_IN_OTHER_CITY = "nobody_in_other_city"
    NO_COMMON_HOURS = "no_common_hours"
    ALREADY_MET_ALL = "already_met_all"
    OTHERS_TAKEN = "others_taken"
    DROPPED = "dropped"
    PAUSED = "paused"
    OTHER_ROUND = "other_round"


@dataclass(frozen=True)
class Why:
    code: WhyCode
    values: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code.value, "values": dict(self.values)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Why:
        return cls(WhyCode(data["code"]), dict(data.get("values", {})))


def why_pair(fit: PairFit) -> tuple[Why, ...]:
    """What matched in a pair, most important first."""
    reasons: list[Why] = []
    for side, found in (("a", fit.a_finds), ("b", fit.b_finds)):
        if found:
            reasons.append(Why(WhyCode.FINDS, {"who": side, "sectors": sorted(found)}))
    if not reasons:
        reasons.append(Why(WhyCode.NO_FIT))
    if fit.english_learner and fit.french_learner:
        reasons.append(Why(WhyCode.BOTH_LANGUAGES, {"english": fit.english_learner}))
    elif fit.english_learner:
        reasons.append(Why(WhyCode.ENGLISH, {"who": fit.english_learner}))
    elif fit.french_learner:
        reasons.append(Why(WhyCode.FRENCH, {"who": fit.french_learner}))
    new = [side for side, new in (("a", fit.new_sector_for_a), ("b", fit.new_sector_for_b)) if new]
    if new:
        reasons.append(Why(WhyCode.NEW_SECTOR, {"who": new}))
    return tuple(reasons)


def _other(side: str) -> str:
    return "b" if side == "a" else "a"


def _sectors(codes: Sequence[str]) -> str:
    return ", ".join(Sector(code).label for code in codes)


def say(why: Why, names: Mapping[str, str]) -> str:
    """One reason in the current language; ``names`` gives the first names of "a" and "b"
    (for a pair) and the other city's name as "city"."""
    values = why.values
    code = why.code
    if code is WhyCode.FINDS:
        return _(
            "%(seeker)s seeks %(sectors)s, which %(offerer)s offers",
            seeker=names[values["who"]],
            offerer=names[_other(values["who"])],
            sectors=_sectors(values["sectors"]),
        )
    if code is WhyCode.NO_FIT:
        return _("neither offers what the other seeks: paired for the hours they share")
    if code is WhyCode.ENGLISH:
        return _(
            "%(learner)s practises English with a fluent speaker", learner=names[values["who"]]
        )
    if code is WhyCode.FRENCH:
        return _("%(learner)s practises French with a French speaker", learner=names[values["who"]])
    if code is WhyCode.BOTH_LANGUAGES:
        return _("both practise a language: half the time in English, half in French")
    if code is WhyCode.NEW_SECTOR:
        who = values["who"]
        if len(who) == 2:
            return _("a sector new to both")
        return _("a sector new to %(name)s", name=names[who[0]])
    if code is WhyCode.CHOSEN_BY_ORGANISER:
        return _("paired by an organiser")
    return _say_unpaired(why, names)


def _say_unpaired(why: Why, names: Mapping[str, str]) -> str:
    values = why.values
    code = why.code
    city = names.get("city", "")
    if code is WhyCode.NO_HOURS_IN_PERIOD:
        return _("none of their hours falls on the dates of the round")
    if code is WhyCode.NOBODY_IN_OTHER_CITY:
        return _("nobody in %(city)s takes part in this round", city=city)
    if code is WhyCode.NO_COMMON_HOURS:
        return _("no one in %(city)s is free at the same time", city=city)
    if code is WhyCode.ALREADY_MET_ALL:
        return _(
            "has already met, or said no thanks to, everyone in %(city)s free at the same time",
            city=city,
        )
    if code is WhyCode.OTHERS_TAKEN:
        return ngettext(
            "the %(num)d person in %(city)s free at the same time is paired with someone "
            "who had no other partner",
            "the %(num)d people in %(city)s free at the same time are paired with others: "
            "no pairing gives everyone a partner",
            values["count"],
            city=city,
        )
    if code is WhyCode.DROPPED:
        return _("their pair was dropped by an organiser")
    if code is WhyCode.PAUSED:
        return _("paused")
    if code is WhyCode.OTHER_ROUND:
        return _("every other round: had a tandem in the last round")
    raise ValueError(f"not a reason code: {code}")


def say_all(reasons: Sequence[Why], names: Mapping[str, str]) -> str:
    """The reasons as one line: "Ana seeks …; Ben practises English …"."""
    text = "; ".join(say(why, names) for why in reasons)
    return text[:1].upper() + text[1:]
