from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestSessionsConfig(AppConfig):
    name = "testsessions"
    verbose_name = _("Test sessions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every process (web, worker, beat) must know the app's notification kinds, tasks and builders.
        import testsessions.tasks  # noqa: F401
        from challenges.page_links import page_link_register, page_section_register
        from innovation.calendars import calendar_provider_register
        from innovation.demo import demo_loader_register
        from innovation.home import home_section_register
        from innovation.services.exports import export_builder_register
        from testsessions import demo, documents, privacy, selectors

        demo_loader_register(demo.load)
        privacy.register()
        export_builder_register(key=documents.POSTERS_BUILDER, builder=documents.posters_build)
        export_builder_register(key=documents.REPORT_BUILDER, builder=documents.session_report_build)
        calendar_provider_register(selectors.person_session_events)
        home_section_register(order=35, provider=selectors.home_my_test_sessions)
        page_link_register(
            page="site",
            permission="testsessions.view_site_sessions",
            label=_("Test sessions"),
            url_name="testsessions:site_sessions",
        )
        page_section_register(page="challenge", template="testsessions/_challenge_feedback.html")
