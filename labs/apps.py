from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "labs"
    verbose_name = _("Labs and networks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from innovation.demo import demo_loader_register
        from labs import demo, privacy

        demo_loader_register(demo.load)
        privacy.register()
