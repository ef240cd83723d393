"""Plans go into the database as JSON and come back the same."""

from __future__ import annotations

import json

import pytest

from business_corner.services.tables import Plan, PlanRequest, Reason, ReasonCode, plan_tables
from tests.services.tables.strategies import guest


def test_a_plan_survives_json_unchanged():
    plan = plan_tables(PlanRequest([guest(n) for n in range(5)], rounds=2, tables=3))
    stored = json.loads(json.dumps(plan.to_dict()))
    assert stored["format"] == 1
    assert stored["rounds"][0]["tables"][0] == list(plan.rounds[0][0])
    assert stored["notices"] == [
        {"code": "fewer_tables", "values": {"asked": 3, "people": 5, "tables": 2}}
    ]
    assert Plan.from_dict(stored) == plan


@pytest.mark.parametrize(
    "data",
    [
        {"format": 2, "rounds": []},
        {"format": 1},
        {"format": 1, "rounds": [{"tables": [[1, 2]]}]},
        {"format": 1, "rounds": [{"tables": [["a", "b"], ["a"]]}]},
        {"format": 1, "rounds": [], "notices": [{"code": "no_such_reason"}]},
    ],
)
def test_anything_else_is_refused(data):
    with pytest.raises(ValueError):
        Plan.from_dict(data)


def test_where_someone_sits():
    plan = Plan(
        ((("a", "b"), ("c", "d")), (("a", "c"), ("b", "d"))),
        (Reason(ReasonCode.NOT_ENOUGH_HOSTS, {"hosts": 0, "tables": 2}),),
    )
    assert plan.table_of("c", 0) == 1 and plan.table_of("c", 1) == 0
    assert plan.table_of("z", 0) is None
    assert plan.keys() == {"a", "b", "c", "d"}
