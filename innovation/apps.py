from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "innovation"
    verbose_name = _("Défis platform")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib import admin

        import innovation.tasks  # noqa: F401 - the task names services send (innovation.queue), in every process
        from innovation import privacy, selectors
        from innovation.backends import signed_in_fact_register
        from innovation.context_processors import UNREAD_NOTIFICATIONS
        from innovation.rules import admin_rules_register
        from innovation.services.exports import export_builder_register
        from innovation.services.privacy import BUILDER, personal_data_build

        privacy.core_register()
        signed_in_fact_register(name=UNREAD_NOTIFICATIONS, expression=selectors.unread_notifications_fact)
        export_builder_register(key=BUILDER, builder=personal_data_build)
        admin_rules_register(site=admin.site)  # admin autodiscovery ran first (django.contrib.admin is listed first)
