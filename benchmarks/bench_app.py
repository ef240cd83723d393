"""The real application for the load benchmark, with settings passed in by benchmarks/load.py."""

import json
import os

from business_corner import create_app

app = create_app(json.loads(os.environ["BUSINESS_CORNER_BENCH_SETTINGS"]))
