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


def test_nothing_from_one_text_carries_over_to_the_next():
    # The converter is reused between texts: a link reference defined in one must not resolve in another.
    with_reference = render_markdown("Voir [le dossier][d].\n\n[d]: https://example.org/dossier")
    without = render_markdown("Voir [le dossier][d].")

    assert 'href="https://example.org/dossier"' in with_reference
    assert "example.org" not in without


def test_texts_rendered_in_several_threads_stay_apart():
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"**Texte {n}**\n\n- point {n}" for n in range(40)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(render_markdown, texts))

    for n, html in enumerate(results):
        assert f"<strong>Texte {n}</strong>" in html and f"<li>point {n}</li>" in html


def test_a_list_typed_right_under_a_line_of_text_is_a_list():
    html = render_markdown("Des **enjeux** forts\n- un\n- deux\n\nLes étapes\n1. écouter\n2. tester")

    assert "<p>Des <strong>enjeux</strong> forts</p>" in html
    assert "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>" in html
    assert "<ol>\n<li>écouter</li>\n<li>tester</li>\n</ol>" in html


def test_a_dash_inside_a_sentence_stays_text():
    assert "<ul>" not in render_markdown("Un texte - avec un tiret\net une suite")
