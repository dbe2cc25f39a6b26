from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "innovation"
    verbose_name = _("Défis platform")
    default_auto_field = "django.db.models.BigAutoField"
