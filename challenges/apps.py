from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Challenges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register the app's notification kinds in every process (web, worker, beat): a worker must know
        # how to render them.
        import challenges.services.assessments
        import challenges.services.reminders
        import challenges.services.teams  # noqa: F401
