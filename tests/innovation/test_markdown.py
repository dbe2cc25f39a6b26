from innovation.markdown import render_markdown


def test_markdown_is_rendered():
    html = render_markdown("**Enjeux**\n\n- simplifier\n- accueillir")

    assert "<strong>Enjeux</strong>" in html
    assert "<li>simplifier</li>" in html


def test_user_html_and_scripts_never_reach_the_page():
    html = render_markdown("<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))")

    assert "<script" not in html and "onerror" not in html and "javascript:" not in html


def test_headings_are_demoted_below_the_page_headings():
    assert render_markdown("# Titre") == "<h3>Titre</h3>"


def test_empty_text_renders_nothing():
    assert render_markdown(None) == ""
