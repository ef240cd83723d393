"""Measurements that are not tests: run them with ``make bench-tables``."""
