from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Challenges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register the notification kinds of this app in every process (web, worker, beat).
        import challenges.services.assessments
        import challenges.services.reminders  # noqa: F401
