"""Data: the default French five-step criteria grid, present in every deployment."""

from django.db import migrations


def create_default_grid(apps, schema_editor):
    from challenges.services.grids import default_grid_ensure

    default_grid_ensure(apps=apps)


def remove_default_grid(apps, schema_editor):
    from challenges.services.grids import DEFAULT_LINEAGE

    apps.get_model("challenges", "Grid").objects.filter(lineage=DEFAULT_LINEAGE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0002_grids_and_assessments"),
    ]

    operations = [
        migrations.RunPython(create_default_grid, remove_default_grid),
    ]
