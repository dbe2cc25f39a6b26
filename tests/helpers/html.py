"""Reading a page's HTML in tests, with the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    """The forms of a page: whether each has ``novalidate``, and the types of its inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append({"novalidate": "novalidate" in attributes, "types": set()})
        elif tag == "input" and self.forms:
            self.forms[-1]["types"].add(attributes.get("type"))


def forms_checked_by_the_browser(html: str) -> list[set[str]]:
    """The input types of each form with a link or an e-mail field and no ``novalidate``: a browser would check
    those fields itself, in its own language, before the server could answer in French."""
    parser = _Forms()
    parser.feed(html)
    return [form["types"] for form in parser.forms if form["types"] & {"url", "email"} and not form["novalidate"]]
