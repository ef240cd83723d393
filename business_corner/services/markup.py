"""Session descriptions: a small Markdown subset, turned into HTML that cannot run anything.

Organisers write descriptions with paragraphs, **bold**, *italics*, lists and links. Raw HTML
in the text is not interpreted (it shows as text), and the HTML Markdown produces is
sanitised again by nh3 against a short allow-list, so a description can never carry a
script, an event handler or a javascript: link, whoever wrote it.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
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
