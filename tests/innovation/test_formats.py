"""Dates read in one style in each language: the formats Django names are the ones the pages spell out."""

from __future__ import annotations

import datetime

import pytest
from django.utils import formats, translation

MOMENT = datetime.datetime(2018, 7, 9, 16, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "named", "expected"),
    [
        ("en", "DATE_FORMAT", "9 July 2018"),
        ("en", "DATETIME_FORMAT", "9 July 2018, 16:30"),
        ("en", "SHORT_DATE_FORMAT", "09/07/2018"),
        ("fr", "DATE_FORMAT", "9 juillet 2018"),
        ("fr", "SHORT_DATE_FORMAT", "09/07/2018"),
    ],
)
def test_named_formats_write_the_day_before_the_month(language, named, expected):
    with translation.override(language):
        assert formats.date_format(MOMENT, named) == expected


def test_an_english_named_date_reads_like_the_pages_spelled_out_ones():
    with translation.override("en"):
        assert formats.date_format(MOMENT, "DATE_FORMAT") == formats.date_format(MOMENT, "j F Y")
