from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Challenges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register the app's notification kinds in every process (web, worker, beat), not only where
        # the views happen to be imported: a worker must know how to render them.
        from challenges.services import teams  # noqa: F401
