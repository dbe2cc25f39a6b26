"""A download's name: an apostrophe separates two words rather than gluing them."""

from __future__ import annotations

from innovation.downloads import download_slug


def test_an_apostrophe_separates_two_words():
    assert download_slug("3e université d'été de l’innovation") == "3e-universite-d-ete-de-l-innovation"


def test_a_plain_name_is_slugified_as_usual():
    assert download_slug("Rennes Métropole") == "rennes-metropole"
