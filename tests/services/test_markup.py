"""Descriptions: Markdown as safe HTML for pages, as plain text for calendars."""

from __future__ import annotations

import pytest

from business_corner.services.markup import plain_description


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**gras** et *italique*", "gras et italique"),
        ("[le site](https://cci.test/a)", "le site (https://cci.test/a)"),
        ("<https://cci.test/a>", "https://cci.test/a"),
        ("<moi@cci.test>", "moi@cci.test"),
        ("un\n\ndeux", "un\n\ndeux"),
        ("- a\n- b\n\nfin", "- a\n- b\n\nfin"),
        ("3. trois\n4. quatre", "3. trois\n4. quatre"),
        ("- a\n  - a1\n- b", "- a\n  - a1\n- b"),
        ("ligne\nsuivante", "ligne\nsuivante"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # text, as typed
        ("", ""),
    ],
)
def test_plain_description(markdown, plain):
    assert plain_description(markdown) == plain
