"""A person's own data: download everything (GDPR articles 15 and 20) or delete the account (article 17).

The download is an export job like any report: :func:`personal_data_request` writes the row, the
``innovation.personal_data`` builder gathers every app's rows (:mod:`innovation.privacy`) into one ZIP
with a JSON and a CSV file per section, and the person follows its progress and downloads it from the
usual export pages, until it expires.

:func:`person_erase` runs every app's eraser and then anonymises the person's row, in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation import privacy
from innovation.models import Export, User
from innovation.services import exports
from innovation.services.spreadsheets import cell_value, neutralise

BUILDER = "innovation.personal_data"
ERASED_EMAIL_DOMAIN = "deleted.invalid"  # RFC 2606: no mail can ever reach it


# --- Download ---------------------------------------------------------------------


def personal_data_request(*, person: User) -> Export:
    """Write the job that gathers ``person``'s data into a ZIP (the task runs after the commit)."""
    return exports.export_request(
        requested_by=person,
        builder=BUILDER,
        parameters={"person_id": person.pk, "language": translation.get_language() or settings.LANGUAGE_CODE},
        format=Export.Format.CSV,
        title=gettext("My personal data"),
    )


def _json_text(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        value = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    value = cell_value(value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return "" if value is None else neutralise(value)


def _csv_text(rows: list[dict[str, Any]]) -> str:
    """Semicolons and a BOM, as French spreadsheets expect; cells that look like formulas are neutralised."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if columns:
        writer.writerow(list(columns))
        for row in rows:
            writer.writerow([_csv_cell(row.get(column)) for column in columns])
    return "\ufeff" + buffer.getvalue()


def personal_data_build(
    *, parameters: dict[str, Any], format: str, target: Path, progress: exports.ExportProgress
) -> str:
    """The export builder: one ZIP with a JSON and a CSV file per section, and a note that explains them."""
    person = User.objects.select_related("organisation").get(pk=parameters["person_id"])
    names = list(privacy.PROVIDERS)
    progress.add_total(len(names) + 1)
    with (
        translation.override(parameters.get("language") or settings.LANGUAGE_CODE),
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        counts = {}
        for name in names:
            rows = [dict(row) for row in privacy.PROVIDERS[name](person=person)]
            counts[name] = len(rows)
            archive.writestr(f"{name}.json", _json_text(rows))
            archive.writestr(f"{name}.csv", _csv_text(rows))
            progress.advance()
        note = render_to_string(
            "innovation/privacy/download_readme.txt",
            {"person": person, "counts": counts, "generated_at": timezone.now(), "site_url": settings.SITE_URL},
        )
        archive.writestr(gettext("README.txt"), note)
        progress.advance()
        stem = gettext("my-data")
        return f"{stem}-{timezone.localdate():%Y-%m-%d}.zip"


# --- Erasure ----------------------------------------------------------------------


class ErasureRefused(Exception):
    """The account cannot be deleted this way; the message says why, to the person."""


def person_erasure_blocker(*, person: User) -> str:
    """Why ``person`` may not delete their account themselves ("" when they may)."""
    if person.is_staff and not User.objects.filter(is_staff=True, is_active=True).exclude(pk=person.pk).exists():
        return str(
            _(
                "You are the last member of staff: appoint another one before deleting your account, "
                "or nobody could run the platform."
            )
        )
    return ""


@transaction.atomic
def person_erase(*, person: User, password: str) -> User:
    """Erase ``person``'s data and keep their contributions, attributed to « Utilisateur supprimé ».

    The password confirms that the person at the keyboard owns the account. Raises ``ValidationError``
    on the ``password`` field, or :class:`ErasureRefused` for the last member of staff.
    """
    if not password or not person.check_password(password):
        raise ValidationError({"password": ValidationError(_("This is not your password."), code="wrong_password")})
    # Staff rows are locked in a fixed order, so two last members of staff cannot both leave at once.
    list(User.objects.select_for_update().filter(is_staff=True, is_active=True).order_by("pk").values_list("pk"))
    blocker = person_erasure_blocker(person=person)
    if blocker:
        raise ErasureRefused(blocker)
    for eraser in privacy.ERASERS:
        eraser(person=person)
    return _anonymise(person)


def _anonymise(person: User) -> User:
    with translation.override(settings.LANGUAGE_CODE):
        placeholder = gettext("Deleted user")  # what lists and exports that read the column show
    person.email = f"deleted-{person.pk}@{ERASED_EMAIL_DOMAIN}"
    person.display_name = placeholder
    person.job_title = ""
    person.organisation = None
    person.language = settings.LANGUAGE_CODE
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.calendar_token = None
    person.last_login = None
    person.erased_at = timezone.now()
    # An unusable password also ends every session of the account (its hash changes).
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    return person
