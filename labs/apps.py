from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "labs"
    verbose_name = _("Labs and networks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every process (web, worker, beat) must know the app's notification kinds, tasks and builders.
        import labs.services.kinds
        import labs.tasks  # noqa: F401
        from innovation.calendars import calendar_provider_register
        from innovation.demo import demo_loader_register
        from innovation.home import home_section_register
        from innovation.services.exports import export_builder_register
        from labs import demo, privacy, reports
        from labs.selectors import calendars, home

        demo_loader_register(demo.load)
        home_section_register(order=50, provider=home.home_my_networks)
        export_builder_register(key=reports.SESSION_REPORT, builder=reports.session_report_build)
        export_builder_register(key=reports.NETWORK_FILE, builder=reports.network_file_build)
        export_builder_register(key=reports.COMMISSION_SHEET, builder=reports.commission_sheet_build)
        export_builder_register(key=reports.COMMISSIONS_FILE, builder=reports.commissions_file_build)
        calendar_provider_register(calendars.person_lab_session_events)
        privacy.register()
