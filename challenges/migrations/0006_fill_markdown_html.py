"""Render the Markdown texts already stored into their new ``*_html`` columns (one converter: innovation.markdown).

Reversible: going back empties the columns, which the previous migration then drops.
"""

from django.db import migrations

from innovation.markdown import render_markdown

COLUMNS = {
    "Challenge": ("stakes", "stakeholders", "users", "obstacles", "levers"),
    "PhaseContent": ("text", "learnings"),
    "Edition": ("description",),
}


def fill(apps, schema_editor):
    for name, fields in COLUMNS.items():
        model = apps.get_model("challenges", name)
        rows = list(model.objects.only("pk", *fields))
        for row in rows:
            for field in fields:
                setattr(row, f"{field}_html", str(render_markdown(getattr(row, field))))
        model.objects.bulk_update(rows, [f"{field}_html" for field in fields], batch_size=500)


def empty(apps, schema_editor):
    for name, fields in COLUMNS.items():
        apps.get_model("challenges", name).objects.update(**{f"{field}_html": "" for field in fields})


class Migration(migrations.Migration):
    dependencies = [("challenges", "0005_markdown_html")]

    operations = [migrations.RunPython(fill, empty)]
