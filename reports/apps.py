from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Session reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from challenges.page_links import page_link_register
        from innovation.home import home_section_register
        from innovation.services.exports import export_builder_register
        from reports import selectors, services

        export_builder_register(key=services.BUILDER, builder=services.report_build)
        home_section_register(order=40, provider=selectors.home_my_exports)
        page_link_register(
            page="edition",
            permission="reports.export_edition",
            label=_("Edition report"),
            url_name="reports:export_new",
            url_args=("edition",),
        )
        page_link_register(
            page="site",
            permission="reports.export_site",
            label=_("Site report"),
            url_name="reports:export_new",
            url_args=("site",),
        )
        page_link_register(
            page="challenge",
            permission="reports.export_challenge",
            label=_("Export the challenge sheet"),
            url_name="reports:export_new",
            url_args=("challenge",),
        )
