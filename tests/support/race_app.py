"""WSGI app for the race test: the real application with settings passed in by the test."""

import json
import os

from business_corner import create_app

app = create_app(json.loads(os.environ["BUSINESS_CORNER_TEST_SETTINGS"]))
