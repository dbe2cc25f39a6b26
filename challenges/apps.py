from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Challenges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every process (web, worker, beat) must know the app's notification kinds and tasks.
        import challenges.services.reminders
        import challenges.services.teams
        import challenges.tasks  # noqa: F401
        from challenges import demo, privacy
        from innovation.demo import demo_loader_register

        demo_loader_register(demo.load)
        privacy.register()
