"""The table of contents: a real text:table-of-content index, pre-filled with the headings.

LibreOffice keeps the entries as written until the user updates the index (Tools ▸ Update),
so they carry page numbers estimated the way the DOCX estimates them.
"""

from __future__ import annotations

from lxml.etree import _Element

from briefing.document import Contents
from briefing.render.odt.context import Context, Para
from briefing.render.odt.odf import add_text, sub
from briefing.render.odt.styles import contents_name, heading_name


def render_contents(body: _Element, contents: Contents, ctx: Context) -> None:
    """目次 title, the index's definition (levels, entry layout, source styles), the entries."""
    depth = max(contents.depth, 1)
    index = sub(body, "text:table-of-content", {"text:name": "Contents", "text:protected": "true"})
    source = sub(
        index,
        "text:table-of-content-source",
        {
            "text:outline-level": str(depth),
            # Built from the listed heading styles, so that headings kept out of the
            # contents (their "Unlisted" twins) stay out when LibreOffice updates it.
            "text:use-outline-level": "false",
            "text:use-index-source-styles": "true",
            "text:use-index-marks": "false",
        },
    )
    title_template = sub(
        source, "text:index-title-template", {"text:style-name": "Contents_20_Heading"}
    )
    title_template.text = contents.title
    for level in range(1, depth + 1):
        template = sub(
            source,
            "text:table-of-content-entry-template",
            {"text:outline-level": str(level), "text:style-name": contents_name(level)},
        )
        sub(template, "text:index-entry-chapter", {"text:display": "number"})
        sub(template, "text:index-entry-text")
        sub(
            template, "text:index-entry-tab-stop", {"style:type": "right", "style:leader-char": "."}
        )
        sub(template, "text:index-entry-page-number")
    for level in range(1, depth + 1):
        styles = sub(source, "text:index-source-styles", {"text:outline-level": str(level)})
        sub(styles, "text:index-source-style", {"text:style-name": heading_name(level)})
    content = sub(index, "text:index-body")
    title = sub(content, "text:index-title", {"text:name": "Contents_Head"})
    add_text(
        sub(title, "text:p", {"text:style-name": ctx.first(Para("Contents_20_Heading"))}),
        contents.title,
    )
    entries = [h for h in ctx.headings if h.in_contents and h.level <= depth]
    for heading in entries:
        p = sub(content, "text:p", {"text:style-name": contents_name(heading.level)})
        page = ctx.pages.get(heading.anchor)
        add_text(p, f"{heading.label}\t{'' if page is None else page}")
