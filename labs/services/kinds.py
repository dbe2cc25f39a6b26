"""The notifications of labs and networks: one category, « Réseaux et labos », and its kinds.

Each kind's e-mail is in ``labs/templates/emails/<kind>/`` and its one-line summary (notification
centre, digest) in ``labs/templates/notifications/<kind>.html``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from innovation.services.notifications import notification_category_register, notification_kind_register

CATEGORY = "labs"
notification_category_register(key=CATEGORY, label=_("Networks and labs"))

NETWORK_ADDED = notification_kind_register(key="labs_network_added", category=CATEGORY, label=_("You join a network"))
APPLICATION_RECEIVED = notification_kind_register(
    key="labs_application_received", category=CATEGORY, label=_("A volunteer applies to your network")
)
APPLICATION_DECLINED = notification_kind_register(
    key="labs_application_declined", category=CATEGORY, label=_("Your application was declined")
)
CHARTER_PUBLISHED = notification_kind_register(
    key="labs_charter_published", category=CATEGORY, label=_("A new version of the charter")
)
CHARTER_REMINDER = notification_kind_register(
    key="labs_charter_reminder", category=CATEGORY, label=_("The charter is waiting for your acceptance")
)
STEP_ATTESTED = notification_kind_register(
    key="labs_step_attested", category=CATEGORY, label=_("An onboarding step is attested")
)
AUTHORISATION_EXPIRING = notification_kind_register(
    key="labs_authorisation_expiring", category=CATEGORY, label=_("A participation authorisation expires soon")
)
SESSION_REMINDER = notification_kind_register(
    key="labs_session_reminder", category=CATEGORY, label=_("A lab session starts tomorrow")
)
WORKSHOP_SYNTHESIS = notification_kind_register(
    key="labs_workshop_synthesis", category=CATEGORY, label=_("A workshop's synthesis is published")
)
NEXT_STEP_DUE = notification_kind_register(key="labs_next_step_due", category=CATEGORY, label=_("A next step is due"))
COMMISSION_INVITED = notification_kind_register(
    key="labs_commission_invited", category=CATEGORY, label=_("You are the commissioner of a commission")
)
COMMISSION_INTAKE_PLANNED = notification_kind_register(
    key="labs_commission_intake_planned", category=CATEGORY, label=_("A commission's intake interview is planned")
)
COMMISSION_GRID_TO_CHECK = notification_kind_register(
    key="labs_commission_grid_to_check", category=CATEGORY, label=_("An intake grid is waiting for your check")
)
COMMISSION_TO_VALIDATE = notification_kind_register(
    key="labs_commission_to_validate", category=CATEGORY, label=_("A reformulation is waiting for your validation")
)
COMMISSION_STAFFING_PROPOSED = notification_kind_register(
    key="labs_commission_staffing_proposed", category=CATEGORY, label=_("A commission is proposed to you")
)
COMMISSION_TEAM_CONFIRMED = notification_kind_register(
    key="labs_commission_team_confirmed", category=CATEGORY, label=_("A commission's team is confirmed")
)
COMMISSION_ABANDONED = notification_kind_register(
    key="labs_commission_abandoned", category=CATEGORY, label=_("A commission is abandoned")
)
