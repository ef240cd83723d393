"""Local times, UTC instants and the two cities' clocks.

Instants are stored in UTC with the session's IANA zone; organisers type local times. A
local time can be missing (the spring-forward hour) or happen twice (the fall-back hour):
the first is refused, the second must be made explicit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

from flask_babel import lazy_gettext as _l

from business_corner.services.errors import DomainError


class NonexistentLocalTime(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l(
                "This time does not exist on that day: the clocks go forward an hour. "
                "Choose another time."
            )
        )


class AmbiguousLocalTime(DomainError):
    """The wall-clock time happens twice; ``choices`` holds both instants, earlier first."""

    def __init__(self, choices: tuple[datetime, datetime]) -> None:
        super().__init__(
            _l(
                "This time happens twice on that day: the clocks go back an hour. "
                "Say which one you mean."
            )
        )
        self.choices = choices


class UnrepresentableTime(DomainError):
    """So close to year 1 or 9999 that the instant falls outside what a date can hold."""

    def __init__(self) -> None:
        super().__init__(_l("This date is too far away to be used. Choose another date."))


@cache
def known_zones() -> frozenset[str]:
    # available_timezones() walks the tz database on every call: read it once.
    return frozenset(available_timezones())


def is_known_zone(name: str) -> bool:
    return name in known_zones()


@cache
def canonical_zones() -> tuple[str, ...]:
    """The zones a person would pick, sorted: one per place, as the tz database's zone.tab
    lists them, and UTC. Leaves out the old aliases (``GB-Eire``, ``Navajo``), ``Etc/GMT+12``
    style offsets, ``localtime`` and ``Factory``, which ``available_timezones`` also holds."""
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    zones = {
        line.split("\t")[2]
        for line in table.splitlines()
        if line.strip() and not line.startswith("#")
    }
    return tuple(sorted((zones & known_zones()) | {"UTC"}))


def local_to_utc(day: date, clock: time, zone: str, fold: int | None = None) -> datetime:
    """The UTC instant of a wall-clock time in ``zone``.

    ``fold`` picks the occurrence of a repeated time: 0 the first (still summer time), 1 the
    second. Without it, a repeated time raises ``AmbiguousLocalTime``. A time whose instant
    would fall before year 1 or after 9999 (9999-12-31 23:00 in Etc/GMT+12) raises
    ``UnrepresentableTime``.
    """
    tz = ZoneInfo(zone)
    wall = datetime.combine(day, clock)
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)

    def exists(candidate: datetime) -> bool:
        return candidate.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall

    try:
        for candidate in (first, second):
            exists(candidate)
    except OverflowError:
        raise UnrepresentableTime() from None
    if not exists(first) and not exists(second):
        raise NonexistentLocalTime()
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC)
    if fold is None:
        raise AmbiguousLocalTime((first.astimezone(UTC), second.astimezone(UTC)))
    return (second if fold else first).astimezone(UTC)


@dataclass(frozen=True)
class City:
    name: str
    zone: str


@dataclass(frozen=True)
class CityTime:
    city: str
    moment: datetime  #: aware, in the city's own zone


def city_label(zone: str, cities: Iterable[City]) -> str:
    """The city a zone stands for: a chapter's name, else the zone's own city name."""
    for city in cities:
        if city.zone == zone:
            return city.name
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def city_times(instant: datetime, own_zone: str, cities: Iterable[City]) -> list[CityTime]:
    """The instant on the session's own clock first, then on each other city's clock."""
    cities = list(cities)
    times = [CityTime(city_label(own_zone, cities), instant.astimezone(ZoneInfo(own_zone)))]
    seen = {own_zone}
    for city in cities:
        if city.zone not in seen:
            seen.add(city.zone)
            times.append(CityTime(city.name, instant.astimezone(ZoneInfo(city.zone))))
    return times
