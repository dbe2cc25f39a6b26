from django.db import migrations


def drop_project_only_assessments(apps, schema_editor):
    """Backwards only: the assessments of projects that never became challenges cannot exist without
    projects (0007 makes an assessment's challenge optional). Apart from 0007, so that PostgreSQL has no
    pending row triggers when 0007 alters the table back."""
    apps.get_model("grids", "Assessment").objects.filter(challenge__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("grids", "0007_projects")]

    operations = [migrations.RunPython(migrations.RunPython.noop, drop_project_only_assessments)]
