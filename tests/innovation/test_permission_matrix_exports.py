"""Persona × URL for reports and exports: another person's export answers 404."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from challenges.models import Challenge
from innovation.models import Export
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.factories import UserFactory
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all
from tests.innovation.factories_exports import ExportFactory


def _everyone_but(status, **overrides):
    return {**same_for_all(status), "anonymous": LOGIN, **overrides}


STAFF_ONLY = _everyone_but(403, staff=200)
SITE_RUNNERS = _everyone_but(403, staff=200, facilitator=200)
OWN_EXPORT = _everyone_but(404, staff=200)


def _exports(w):
    return Export.objects.count()


def _failed_state(w):
    return Export.objects.get(pk=w["failed"].pk).state


CASES = [
    *cases_for("reports:export_list", _everyone_but(200)),
    *cases_for("reports:export_new", STAFF_ONLY, args=lambda w: ["edition", w["edition"].pk]),
    *cases_for("reports:export_new", SITE_RUNNERS, args=lambda w: ["site", w["site"].pk]),
    *cases_for("reports:export_new", STAFF_ONLY, args=lambda w: ["site", w["other_site"].pk]),
    *cases_for("reports:export_new", SITE_RUNNERS, args=lambda w: ["challenge", w["challenge"].pk]),
    # A draft of another site is not even visible to the facilitator of this one.
    *cases_for("reports:export_new", _everyone_but(404, staff=200), args=lambda w: ["challenge", w["other_draft"].pk]),
    *cases_for("reports:export_new", _everyone_but(404), args=lambda w: ["unknown", w["site"].pk]),
    *cases_for(
        "reports:export_new",
        _everyone_but(403, staff=302, facilitator=302),
        method="post",
        args=lambda w: ["site", w["site"].pk],
        data={"content": "report", "format": "csv"},
        effect=_exports,
    ),
    *cases_for("export_detail", OWN_EXPORT, args=lambda w: [w["done"].pk]),
    *cases_for("export_download", OWN_EXPORT, args=lambda w: [w["done"].pk]),
    *cases_for(
        "export_retry",
        _everyone_but(404, staff=302),
        method="post",
        args=lambda w: [w["failed"].pk],
        effect=_failed_state,
    ),
    *cases_for("export_retry", same_for_all(405), args=lambda w: [w["failed"].pk]),
]


@pytest.fixture
def world(db, staff, facilitator, owner, contributor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    site = SiteFactory(place="Rennes", facilitators=[facilitator])
    other_site = SiteFactory(edition=site.edition, place="Cluny", facilitators=[UserFactory()])
    challenge = ChallengeFactory(site=site, number=1)
    other_draft = ChallengeFactory(site=other_site, number=1, status=Challenge.Status.DRAFT)
    done = ExportFactory(
        requested_by=staff, state=Export.State.DONE, expires_at=timezone.now() + timezone.timedelta(days=7)
    )
    done.file.save("rapport.csv", ContentFile(b"a;b\r\n"))
    failed = ExportFactory(requested_by=staff, state=Export.State.FAILED, error="boom")
    return {
        "edition": site.edition,
        "site": site,
        "other_site": other_site,
        "challenge": challenge,
        "other_draft": other_draft,
        "done": done,
        "failed": failed,
    }


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        check_case(case, world=world, personas=personas)
