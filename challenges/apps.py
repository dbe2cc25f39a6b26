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
        from challenges import calendars, demo, demo_idf, privacy
        from challenges.page_links import page_link_register
        from challenges.selectors import home
        from challenges.selectors.challenges import FACILITATES_A_SITE, facilitates_a_site_fact
        from innovation.backends import signed_in_fact_register
        from innovation.calendars import calendar_provider_register
        from innovation.demo import demo_loader_register
        from innovation.home import home_section_register

        demo_loader_register(demo.load)
        demo_loader_register(demo_idf.load)  # where the criteria grid was tried (seed 000)
        signed_in_fact_register(name=FACILITATES_A_SITE, expression=facilitates_a_site_fact)
        home_section_register(order=10, provider=home.home_my_challenges_and_drafts)  # and 20: the drafts
        privacy.register()
        calendar_provider_register(calendars.person_site_events)
        page_link_register(
            page="edition",
            permission="challenges.view_calendar",
            label=_("Add the dates to my calendar (iCal)"),
            url_name="challenges:edition_calendar",
        )
        page_link_register(
            page="site",
            permission="challenges.change_programme",
            label=_("Edit the programme"),
            url_name="challenges:site_programme",
        )
        page_link_register(
            page="site",
            permission="challenges.view_calendar",
            label=_("Add the dates to my calendar (iCal)"),
            url_name="challenges:site_calendar",
        )
