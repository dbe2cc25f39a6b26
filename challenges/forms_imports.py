"""The upload form of the challenge import."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from challenges.services import imports


class ChallengeImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet of challenges"),
        help_text=format_lazy(
            _("XLSX (Excel), ODS (LibreOffice) or CSV (UTF-8, separated by ; or ,), {limit} MB at most."),
            limit=imports.MAX_IMPORT_BYTES // (1024 * 1024),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.ods,.csv"}),
    )
    publish = forms.BooleanField(
        label=_("Publish the imported challenges"),
        required=False,
        help_text=_("Otherwise they are imported as drafts, visible to the site’s facilitators and to staff only."),
    )

    def clean(self):
        """Read the file now (the service decides what it holds), so that its error shows next to the field."""
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        try:
            cleaned["rows"] = imports.import_upload_parse(upload=upload)
        except imports.ImportFileError as error:
            self.add_error("file", str(error))
        return cleaned
