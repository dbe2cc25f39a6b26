"""Percentages as each language writes them: « 27,3 % » in French, "27.3%" in English."""

from __future__ import annotations

from django.utils import translation

from innovation.templatetags.number_tags import percent


def test_french_puts_a_no_break_space_before_the_sign():
    with translation.override("fr"):
        assert percent(50) == "50\u00a0%"
        assert percent(27.25, 1) == "27,3\u00a0%"


def test_english_writes_the_sign_against_the_number():
    with translation.override("en"):
        assert percent(50) == "50%"
        assert percent(27.25, 1) == "27.3%"


def test_no_value_shows_nothing():
    assert percent(None) == "" and percent("") == ""
