from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Challenges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register the notification kinds of assessments (h4) in every process, the worker included.
        import challenges.services.assessments  # noqa: F401
