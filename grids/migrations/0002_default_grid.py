"""Data: the default French five-step criteria grid, present in every deployment."""

from django.db import migrations


def create_default_grid(apps, schema_editor):
    from grids.services.grids import default_grid_ensure

    default_grid_ensure(apps=apps)


def remove_default_grid(apps, schema_editor):
    """Remove the default grid and what was scored on it, leaves first.

    Rows are deleted without the cascade collector: while unapplying, the historical
    models cannot follow the grid's self-reference (``based_on``).
    """
    from grids.services.grids import DEFAULT_LINEAGE

    def model(name):
        return apps.get_model("grids", name)

    db = schema_editor.connection.alias
    grids = model("Grid").objects.using(db).filter(lineage=DEFAULT_LINEAGE)
    grid_ids = list(grids.values_list("pk", flat=True))
    model("Answer").objects.using(db).filter(assessment__grid_id__in=grid_ids)._raw_delete(db)
    model("Answer").objects.using(db).filter(criterion__step__grid_id__in=grid_ids)._raw_delete(db)
    model("Assessment").objects.using(db).filter(grid_id__in=grid_ids)._raw_delete(db)
    model("Grid").objects.using(db).filter(based_on_id__in=grid_ids).update(based_on=None)
    model("Criterion").objects.using(db).filter(step__grid_id__in=grid_ids)._raw_delete(db)
    model("GridStep").objects.using(db).filter(grid_id__in=grid_ids)._raw_delete(db)
    model("Grid").objects.using(db).filter(pk__in=grid_ids)._raw_delete(db)


class Migration(migrations.Migration):
    dependencies = [
        ("grids", "0001_grids_assessments"),
    ]

    operations = [
        migrations.RunPython(create_default_grid, remove_default_grid),
    ]
