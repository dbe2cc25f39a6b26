"""Security headers on every response, and no template with code the Content-Security-Policy would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)

# Pages served to a browser come from these folders. E-mails (read by mail clients, which need inline
# styles) and the PDF sources (rendered to a string by WeasyPrint, never served) are not pages.
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]


def _is_page_template(path: Path) -> bool:
    return "emails" not in path.parts and not path.name.endswith("_pdf.html")


def page_templates() -> list[Path]:
    return [path for folder in TEMPLATE_DIRS for path in sorted(folder.rglob("*.html")) if _is_page_template(path)]


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
BLOCKED = {
    "event handler attribute": re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"<[a-z][^>]*?\sstyle\s*=", re.IGNORECASE),
    "<style> element": re.compile(r"<style\b", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "htmx code (hx-on, js: values)": re.compile(r"\shx-on|hx-vals=.?[\"']\s*js:|hx-vars", re.IGNORECASE),
}


def inline_code(text: str) -> list[str]:
    """What in a template the policy would block: inline scripts, handlers, style attributes."""
    found = []
    for match in SCRIPT_TAG.finditer(text):
        attributes = match.group(1)
        if "src=" not in attributes and "application/json" not in attributes:
            found.append(f"inline <script>: {match.group(0)}")
    for name, pattern in BLOCKED.items():
        found.extend(f"{name}: {m.group(0)[:80]}" for m in pattern.finditer(text))
    return found


def test_the_scanner_finds_each_kind_of_inline_code():
    assert inline_code('<script>alert(1)</script><script src="/static/js/app.js"></script>') == [
        "inline <script>: <script>"
    ]
    assert inline_code('<script type="application/json">{"a": 1}</script>') == []
    assert inline_code('<button class="btn"\n  onclick="go()">') != []
    assert inline_code('<div class="x" style="width: 3%">') != []
    assert inline_code('<svg width="10" style="max-width: 10px">') != []
    assert inline_code("<style>p {}</style>") != []
    assert inline_code('<a href="javascript:void(0)">') != []
    assert inline_code('<form hx-on::after-request="this.reset()">') != []
    assert inline_code('<p>Conditions on=ly in text, <a class="button" href="/">styles</a></p>') == []


def test_no_page_template_has_inline_code():
    templates = page_templates()
    assert len(templates) > 50  # the scan really reads the project's templates
    offenders = {str(path.relative_to(ROOT)): found for path in templates if (found := inline_code(path.read_text()))}
    assert offenders == {}


def test_the_policy_forbids_inline_code():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["home", "account_login", "accessibility"])
def test_every_page_carries_the_security_headers(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions
    assert "geolocation=()" in permissions
    assert "microphone=()" in permissions
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_404_carries_the_headers_too(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "Permissions-Policy" in response


def test_htmx_is_told_not_to_inject_styles_nor_evaluate_code():
    base = (ROOT / "templates" / "base.html").read_text()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', base)

    assert config is not None
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowEval": false' in config.group(1)
