from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridsConfig(AppConfig):
    name = "grids"
    verbose_name = _("Criteria grids and assessments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import grids.services.accompaniment  # its notification kinds, in every process
        import grids.services.assessments  # noqa: F401 - its notification kinds, in every process
        from challenges.page_links import page_link_register, page_section_register
        from grids import demo, privacy, selectors
        from innovation.demo import demo_loader_register
        from innovation.home import home_section_register

        demo_loader_register(demo.load)
        home_section_register(order=30, provider=selectors.home_reviews_assigned)
        privacy.register()
        page_link_register(
            page="challenge",
            permission="grids.view_assessments",
            label=_("Criteria grid and assessments"),
            url_name="grids:challenge_assessments",
        )
        page_section_register(page="site", template="grids/trials/_site_trials.html")
        page_section_register(
            page="challenge", template="grids/projects/_challenge_origin.html", load=selectors.challenge_origin_load
        )
        page_link_register(
            page="site", permission="grids.start_trial", label=_("Try a criteria grid"), url_name="grids:trial_start"
        )
        page_link_register(
            page="site",
            permission="grids.view_site_assessments",
            label=_("Assessments overview"),
            url_name="grids:site_assessments",
        )
