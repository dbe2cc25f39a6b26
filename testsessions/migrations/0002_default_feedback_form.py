"""Data: the default French feedback form (what seed 000's testers were asked), present in every deployment."""

from django.db import migrations


def create_default_form(apps, schema_editor):
    from testsessions.services.feedback_forms import feedback_form_default_ensure

    feedback_form_default_ensure(apps=apps)


def remove_default_form(apps, schema_editor):
    """Remove the default form and the sessions that asked it (their stands, feedback and debriefs go with them)."""
    from testsessions.services.feedback_forms import DEFAULT_LINEAGE

    db = schema_editor.connection.alias
    form_model = apps.get_model("testsessions", "FeedbackForm")
    form_ids = list(form_model.objects.using(db).filter(lineage=DEFAULT_LINEAGE).values_list("pk", flat=True))
    apps.get_model("testsessions", "TestSession").objects.using(db).filter(form_id__in=form_ids).delete()
    form_model.objects.using(db).filter(pk__in=form_ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("testsessions", "0001_test_sessions_stands_feedback_debriefs"),
    ]

    operations = [
        migrations.RunPython(create_default_form, remove_default_form),
    ]
