"""The application's routes, enumerated from its URL map, with every variable filled in."""

from __future__ import annotations

import re

from flask import Flask
from werkzeug.routing import IntegerConverter, Rule

_VARIABLE = re.compile(r"<(?:(\w+):)?(\w+)>")


def routes(app: Flask, method: str) -> list[Rule]:
    """Every rule answering ``method`` (the static files aside)."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and method in (rule.methods or set())
    ]


def has_int(rule: Rule) -> bool:
    return any(isinstance(c, IntegerConverter) for c in rule._converters.values())


def has_text_variable(rule: Rule) -> bool:
    """A variable that is not a number (a language, a slug, a token): text can reach it."""
    return any(not isinstance(c, IntegerConverter) for c in rule._converters.values())


def path_of(rule: Rule, number: int = 1, text: str = "fr") -> str:
    """The rule's path with ``number`` for each ``<int:...>`` and ``text`` for the others
    ("fr" fills a language, a slug or a token alike)."""
    return _VARIABLE.sub(lambda match: str(number) if match.group(1) == "int" else text, rule.rule)
