"""Markdown for user-written fields, always through the nh3 sanitiser: user HTML never reaches a page raw."""

from __future__ import annotations

import re
import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.preprocessors import Preprocessor

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


_converters = threading.local()
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+\.) +\S")


class ListsUnderText(Preprocessor):
    """A list typed right under a line of text starts there, as people type it (and as CommonMark reads it):
    Python-Markdown wants a blank line first, so one is put in."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            previous = out[-1] if out else ""
            under_text = previous.strip() and not _LIST_ITEM.match(previous)
            if under_text and _LIST_ITEM.match(line) and not previous.startswith(("    ", "\t")):  # not in code
                out.append("")
            out.append(line)
        return out


def _converter() -> markdown_lib.Markdown:
    """This thread's converter: building one (its parser and extensions) costs more than a conversion."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = markdown_lib.Markdown(extensions=["sane_lists", "nl2br"], output_format="html")
        converter.preprocessors.register(ListsUnderText(converter), "lists_under_text", 25)
        _converters.markdown = converter
    return converter.reset()  # nothing from the previous text (link references...) carries over


def markdown_store(instance: object, *fields: str) -> list[str]:
    """Render each Markdown ``field`` of ``instance`` into its ``<field>_html`` column, once, at write time.

    Services call it in the same write as the text; pages then show the stored HTML. Returns the names of
    the HTML columns (for ``save(update_fields=...)``).
    """
    columns = []
    for field in fields:
        setattr(instance, f"{field}_html", str(render_markdown(getattr(instance, field))))
        columns.append(f"{field}_html")
    return columns


def render_markdown(text: str | None) -> SafeString:
    """Render Markdown to sanitised HTML (headings start at h3: pages own h1 and h2)."""
    if not text:
        return mark_safe("")
    html = _converter().convert(text)
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)
