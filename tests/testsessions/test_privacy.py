"""A person's data download holds the feedback they gave and the debriefs they wrote."""

from __future__ import annotations

import pytest

from innovation.privacy import personal_data_of
from tests.testsessions.factories import FeedbackFactory

pytestmark = pytest.mark.django_db


def test_the_download_has_the_person_s_feedback_and_debriefs(sessions, owner, outsider):
    FeedbackFactory(stand=sessions["stand2"], tester=owner, browser_key="", answers={"clarity": 3})
    sessions["debrief"].author = owner
    sessions["debrief"].save(update_fields=["author"])

    data = personal_data_of(person=owner)

    assert [(row["stand"], row["answers"]) for row in data["test_feedback"]] == [("Défi 3", {"clarity": 3})]
    assert data["test_debriefs"][0]["conclusions"] == sessions["debrief"].conclusions
    assert personal_data_of(person=outsider)["test_feedback"] == []
