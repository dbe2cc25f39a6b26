from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from challenges.page_links import page_link_register, page_section_register

        # The owner's switch that lets the open data show the challenge's latest verdict.
        page_section_register(page="challenge", template="opendata/_verdict_sharing.html")
        for url_name, label in (
            ("opendata:edition_csv", _("Open data of this edition (CSV)")),
            ("opendata:edition_json", _("Open data of this edition (JSON)")),
        ):
            page_link_register(page="edition", permission="opendata.download_edition", label=label, url_name=url_name)
