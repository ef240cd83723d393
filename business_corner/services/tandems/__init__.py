"""Tandems: one-to-one conversations between a Marseille member and a Los Angeles member.

The planner is pure and deterministic (no Flask, no database): ``hours`` (weekly hours in
local time), ``slots`` (30-minute slots on the real dates of both clocks), ``members``,
``fit`` (the rules and their lexicographic weights), ``reasons`` ("why this pair", "why
unpaired"), ``schedule`` (spreading pairs over the round) and ``planner``:

    pairing = pair_members(TandemRequest(members, ("marseille", "los-angeles"),
                                         Period(date(2027, 3, 8), 14), history, seed=0))

The other modules connect it to the database and are imported by name: ``membership``,
``rounds``, ``replies``, ``outcomes``, ``overview``, ``member_page``, ``roster``,
``notices``, ``invite``, ``video``, ``demo``. The method is in the README, "Tandems".
"""
