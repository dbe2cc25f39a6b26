from django import template

from innovation.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None):
    """``{{ challenge.stakes|markdown }}``: sanitised HTML from Markdown."""
    return render_markdown(text)
