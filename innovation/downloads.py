"""How a downloaded file is named: the one place every app's exports, posters and calendars take their name from."""

from __future__ import annotations

import re

from django.utils.text import slugify

_APOSTROPHES = re.compile(r"['’]")


def download_slug(text: str) -> str:
    """``text`` as part of a file name: lower case, no accents, words joined by hyphens. An apostrophe separates two
    words (« université d'été de l'innovation » → ``universite-d-ete-de-l-innovation``), rather than gluing them."""
    return slugify(_APOSTROPHES.sub(" ", text))
