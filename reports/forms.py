"""The report request form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from innovation.models import Export
from reports.services import Content


class ExportRequestForm(forms.Form):
    """What report and which format; a PDF of the assessments dataset is refused next to the field."""

    content = forms.ChoiceField(
        label=_("What to export"),
        widget=forms.RadioSelect,
        initial="report",
        error_messages={"invalid_choice": _("Unknown kind of report: choose one of the options below.")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        widget=forms.RadioSelect,
        initial="pdf",
        error_messages={"invalid_choice": _("Unknown format: choose PDF, XLSX, ODS or CSV.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content"].choices = Content.choices
        self.fields["format"].choices = Export.Format.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("content") == "assessments" and cleaned.get("format") == "pdf":
            self.add_error("format", _("The assessments dataset is a spreadsheet: choose XLSX, ODS or CSV."))
        return cleaned
