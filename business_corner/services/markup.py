"""Session descriptions: a small Markdown subset, turned into HTML that cannot run anything.

Organisers write descriptions with paragraphs, **bold**, *italics*, lists and links. Raw HTML
in the text is not interpreted (it shows as text), and the HTML Markdown produces is
sanitised again by nh3 against a short allow-list, so a description can never carry a
script, an event handler or a javascript: link, whoever wrote it.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).disable(
    ["image", "heading", "lheading", "code", "fence", "table", "hr", "html_block", "html_inline"],
    ignoreInvalid=True,
)

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_description(text: str) -> Markup:
    html = _markdown.render(text)
    # Safe by construction: nh3 keeps only the tags, attributes and schemes listed above.
    return Markup(  # noqa: S704
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_SCHEMES,
            link_rel="noopener noreferrer nofollow",
        )
    )


def plain_description(text: str) -> str:
    """The same Markdown as plain text, for calendars (which show a description as typed).

    Emphasis marks go, list items keep a dash or their number, and a link is written out as
    "label (address)" so that it can still be followed; paragraphs stay apart.
    """
    blocks: list[str] = []
    prefixes: list[str] = []  # the marker of each open list: "-" or the next number
    for token in _markdown.parse(text):
        if token.type == "bullet_list_open":
            prefixes.append("-")
        elif token.type == "ordered_list_open":
            prefixes.append(str(int(token.attrGet("start") or 1)))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            prefixes.pop()
            if not prefixes:
                blocks.append("")
        elif token.type == "list_item_open" and prefixes:
            marker = prefixes[-1]
            blocks.append(("  " * (len(prefixes) - 1)) + (f"{marker}." if marker != "-" else "-"))
            if marker != "-":
                prefixes[-1] = str(int(marker) + 1)
        elif token.type == "inline":
            line = _plain_inline(token.children or [])
            if blocks and _is_bare_marker(blocks[-1]):
                blocks[-1] = f"{blocks[-1]} {line}"
            else:
                blocks.append(line)
        elif token.type == "paragraph_close" and not prefixes:
            blocks.append("")
    return "\n".join(blocks).strip()


def _is_bare_marker(block: str) -> bool:
    """A list item's marker still waiting for its text ("-", "2.")."""
    marker = block.strip()
    return marker == "-" or (marker.endswith(".") and marker[:-1].isdigit())


def _plain_inline(children: list[Token]) -> str:
    parts: list[str] = []
    link: str | None = None
    label_start = 0
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "link_open":
            link = str(child.attrGet("href") or "")
            label_start = len(parts)
        elif child.type == "link_close" and link is not None:
            label = "".join(parts[label_start:])
            if link and link not in (label, f"mailto:{label}"):
                parts.append(f" ({link.removeprefix('mailto:')})")
            link = None
    return "".join(parts)
