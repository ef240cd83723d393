"""Property tests of the pure planner: whatever the members, hours, history and dates
(weighted towards the weeks when Paris and Los Angeles are 8 hours apart)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from business_corner.services.tandems.fit import pair_fit
from business_corner.services.tandems.hours import HourRange, WeeklyHours
from business_corner.services.tandems.members import Member
from business_corner.services.tandems.planner import TandemRequest, history_key, pair_members
from business_corner.services.tandems.slots import Period
from business_corner.vocabulary import Level, Sector

CITIES = ("marseille", "los-angeles")
ZONES = {"marseille": "Europe/Paris", "los-angeles": "America/Los_Angeles"}
#: Around the clock changes of 2027 (US 14 March and 7 November, EU 28 March and
#: 31 October): rounds that start in, end in or span the 8-hour weeks.
AROUND_CHANGES = [
    date(2027, 3, 8),
    date(2027, 3, 14),
    date(2027, 3, 22),
    date(2027, 3, 27),
    date(2027, 10, 25),
    date(2027, 10, 31),
    date(2027, 11, 3),
    date(2027, 11, 7),
]

first_days = st.one_of(
    st.sampled_from(AROUND_CHANGES),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
)


@st.composite
def weekly_hours(draw: st.DrawFn) -> WeeklyHours:
    ranges = []
    for weekday in draw(st.sets(st.integers(0, 6), min_size=1, max_size=7)):
        start = draw(st.integers(0, 46)) * 30 + draw(st.sampled_from([0, 0, 15]))
        length = draw(st.integers(1, 20)) * 30
        ranges.append(HourRange(weekday, min(start, 24 * 60 - 30), min(start + length, 24 * 60)))
    return WeeklyHours.of(ranges)


# Working hours that meet across the Atlantic: the domain's narrow window.
WINDOWS = {
    "marseille": WeeklyHours.of(HourRange(d, 17 * 60, 19 * 60) for d in range(5)),
    "los-angeles": WeeklyHours.of(HourRange(d, 8 * 60, 10 * 60) for d in range(5)),
}


@st.composite
def members(draw: st.DrawFn, most: int = 8) -> list[Member]:
    people = []
    for city in CITIES:
        for n in range(draw(st.integers(0, most))):
            hours = draw(st.one_of(st.just(WINDOWS[city]), weekly_hours()))
            people.append(
                Member(
                    key=f"{city[0]}{n}",
                    name=f"{city} {n}",
                    city=city,
                    zone=ZONES[city],
                    english=draw(st.sampled_from(list(Level))),
                    french=draw(st.one_of(st.none(), st.sampled_from(list(Level)))),
                    sector=draw(st.sampled_from(list(Sector))),
                    offers=frozenset(draw(st.sets(st.sampled_from(list(Sector)), max_size=3))),
                    seeks=frozenset(draw(st.sets(st.sampled_from(list(Sector)), max_size=3))),
                    hours=hours,
                    past_sectors=frozenset(
                        draw(st.sets(st.sampled_from(list(Sector)), max_size=3))
                    ),
                )
            )
    return people


@st.composite
def requests(draw: st.DrawFn, most: int = 8) -> TandemRequest:
    people = draw(members(most))
    firsts = [m.key for m in people if m.city == CITIES[0]]
    seconds = [m.key for m in people if m.city == CITIES[1]]
    all_pairs = [history_key(a, b) for a in firsts for b in seconds]
    met = draw(st.sets(st.sampled_from(all_pairs), max_size=len(all_pairs))) if all_pairs else set()
    return TandemRequest(
        people,
        CITIES,
        Period(draw(first_days), draw(st.integers(1, 14))),
        frozenset(met),
        draw(st.integers(0, 3)),
    )


def inside_hours(member: Member, period: Period, starts_at: datetime) -> bool:
    """The rule written out on its own: the whole half hour, on the member's own clock, on
    a date of the round, inside one of that weekday's ranges."""
    local = starts_at.astimezone(ZoneInfo(member.zone))
    end = (starts_at + timedelta(minutes=30)).astimezone(ZoneInfo(member.zone))
    if not period.first_day <= local.date() < period.first_day + timedelta(days=period.days):
        return False
    start_minute = local.hour * 60 + local.minute
    end_minute = end.hour * 60 + end.minute if end.date() == local.date() else 24 * 60
    if end.date() != local.date() and (end.hour, end.minute) != (0, 0):
        return False
    return any(
        r.start <= start_minute and end_minute <= r.end for r in member.hours.on(local.weekday())
    )


def half_hours(period: Period) -> list[datetime]:
    start = datetime.combine(period.first_day, datetime.min.time(), UTC) - timedelta(hours=14)
    count = (period.days * 24 + 26) * 2
    return [start + timedelta(minutes=30 * n) for n in range(count)]


def can_meet(a: Member, b: Member, period: Period) -> bool:
    return any(
        inside_hours(a, period, t) and inside_hours(b, period, t) for t in half_hours(period)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_every_pair_is_valid(request: TandemRequest) -> None:
    pairing = pair_members(request)
    by_key = {m.key: m for m in request.members}
    seen: list[str] = []
    for pair in pairing.pairs:
        a, b = by_key[pair.a], by_key[pair.b]
        # Every pair joins the two cities.
        assert (a.city, b.city) == CITIES
        # Never a pair from the history (met or vetoed).
        assert history_key(a.key, b.key) not in request.history
        # The slot is inside both members' hours, on its real date, on each one's clock.
        assert inside_hours(a, request.period, pair.starts_at), (a, pair.starts_at)
        assert inside_hours(b, request.period, pair.starts_at), (b, pair.starts_at)
        assert pair.starts_at.minute in (0, 30) and pair.starts_at.second == 0
        seen += [pair.a, pair.b]
    # No one twice in a round, and everyone either paired or told why not.
    assert len(seen) == len(set(seen))
    unpaired = [u.key for u in pairing.unpaired]
    assert sorted(seen + unpaired) == sorted(by_key)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests(most=6))
def test_as_many_pairs_as_possible(request: TandemRequest) -> None:
    """The number of pairs is the maximum, computed by another algorithm (Hopcroft–Karp)
    on feasibility checked half hour by half hour."""
    firsts = [m for m in request.members if m.city == CITIES[0]]
    seconds = [m for m in request.members if m.city == CITIES[1]]
    graph = np.zeros((len(firsts), len(seconds)), dtype=np.int8)
    for i, a in enumerate(firsts):
        for j, b in enumerate(seconds):
            if history_key(a.key, b.key) not in request.history and can_meet(a, b, request.period):
                graph[i, j] = 1
    most = 0
    if graph.size:
        matching = maximum_bipartite_matching(csr_matrix(graph), perm_type="column")
        most = int((matching >= 0).sum())
    assert len(pair_members(request).pairs) == most


def _score(pairs: list[tuple[Member, Member]]) -> tuple[int, int, int, int]:
    fits = [pair_fit(a, b) for a, b in pairs]
    return (
        len(pairs),
        sum(f.mutual for f in fits),
        sum(f.language for f in fits),
        sum(f.variety for f in fits),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests(most=4))
def test_the_pairing_is_lexicographically_best(request: TandemRequest) -> None:
    """Against every possible pairing: most pairs, then mutual fit, then language, then
    sector variety."""
    firsts = [m for m in request.members if m.city == CITIES[0]]
    seconds = [m for m in request.members if m.city == CITIES[1]]
    feasible = {
        (a.key, b.key)
        for a in firsts
        for b in seconds
        if history_key(a.key, b.key) not in request.history and can_meet(a, b, request.period)
    }
    best = (0, 0, 0, 0)
    slots = seconds + [None] * len(firsts)
    for chosen in itertools.permutations(slots, len(firsts)):
        pairs = [(a, b) for a, b in zip(firsts, chosen, strict=True) if b is not None]
        if all((a.key, b.key) in feasible for a, b in pairs):
            best = max(best, _score(pairs))
    by_key = {m.key: m for m in request.members}
    made = [(by_key[p.a], by_key[p.b]) for p in pair_members(request).pairs]
    assert _score(made) == best
