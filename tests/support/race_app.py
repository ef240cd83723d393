"""WSGI app for the race tests: the real application with settings passed in by the test,
and the fault the test asks for, if any (``tests.support.seat_faults``)."""

import json
import os

from business_corner import create_app
from tests.support import seat_faults

app = create_app(json.loads(os.environ["BUSINESS_CORNER_TEST_SETTINGS"]))
fault = seat_faults.SeatFault.from_environment(dict(os.environ))
if fault is not None:
    seat_faults.inject(fault)
