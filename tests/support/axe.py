"""axe-core, the accessibility engine, run inside a Playwright page.

The script comes from the axe-playwright-python package (which bundles axe.min.js), so
nothing is fetched from the network. Playwright evaluates it through the DevTools protocol,
which the pages' Content-Security-Policy does not block.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from axe_playwright_python.base import AXE_SCRIPT

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: The WCAG 2.1 A and AA rules, plus axe's best practices (landmarks, headings, regions).
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@cache
def axe_version() -> str:
    return AXE_SCRIPT[AXE_SCRIPT.index("axe v") + 5 :].split()[0]


def violations(page: Page) -> list[dict[str, Any]]:
    """What axe finds wrong with the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": RULE_TAGS}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    return list(results["violations"])


def report(found: list[dict[str, Any]]) -> str:
    """The violations, one paragraph each, readable in a test failure."""
    lines = [f"{len(found)} accessibility violation(s) (axe-core {axe_version()}):"]
    for violation in found:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  at {' '.join(node['target'])}: {node['html'][:160]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"     {summary}")
    return "\n".join(lines)
