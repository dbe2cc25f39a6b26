"""Who may request which report: staff for everything, facilitators for the sites they run."""

from __future__ import annotations

import rules

from challenges.rules import is_challenge_site_facilitator, is_site_facilitator, is_staff
from grids.rules import is_any_site_facilitator

rules.add_perm("reports.export_edition", is_staff)
rules.add_perm("reports.export_site", is_site_facilitator | is_staff)
rules.add_perm("reports.export_challenge", is_challenge_site_facilitator | is_staff)
rules.add_perm("reports.request_reports", is_staff | is_any_site_facilitator)
