"""A lab's library: roles, glossary, bibliography, methods and exemplary documents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Resource(models.Model):
    class Kind(models.TextChoices):
        ROLE = "role", _("Role")
        GLOSSARY = "glossary", _("Glossary")
        BIBLIOGRAPHY = "bibliography", _("Bibliography")
        METHOD = "method", _("Method")
        DOCUMENT = "document", _("Exemplary document")

    lab = models.ForeignKey("labs.Lab", verbose_name=_("lab"), on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    url = models.URLField(_("link"), blank=True, max_length=500)
    phases = models.ManyToManyField(
        "labs.MethodPhase", verbose_name=_("method phases"), blank=True, related_name="resources"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "title", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [models.UniqueConstraint(fields=["lab", "kind", "title"], name="labs_resource_unique")]

    def __str__(self) -> str:
        return self.title
