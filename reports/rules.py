"""Who may request which report: staff for everything, facilitators for the sites they run."""

from __future__ import annotations

import rules

from challenges.models import Challenge, Edition, Site
from challenges.rules import is_challenge_site_facilitator, is_site_facilitator, is_staff
from grids.rules import is_any_site_facilitator


@rules.predicate
def is_edition(user, subject) -> bool:
    return isinstance(subject, Edition)


@rules.predicate
def is_site(user, subject) -> bool:
    return isinstance(subject, Site)


@rules.predicate
def is_challenge(user, subject) -> bool:
    return isinstance(subject, Challenge)


may_export_edition = is_staff
may_export_site = is_site_facilitator | is_staff
may_export_challenge = is_challenge_site_facilitator | is_staff

rules.add_perm("reports.export_edition", may_export_edition)
rules.add_perm("reports.export_site", may_export_site)
rules.add_perm("reports.export_challenge", may_export_challenge)
# The request page serves the three kinds of subject: each is asked the permission of its kind.
rules.add_perm(
    "reports.export_subject",
    (is_edition & may_export_edition) | (is_site & may_export_site) | (is_challenge & may_export_challenge),
)
rules.add_perm("reports.request_reports", is_staff | is_any_site_facilitator)
