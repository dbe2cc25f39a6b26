"""Data: the default French feedback form (what seed 000's testers were asked), present in every deployment."""

from django.db import migrations


def create_default_form(apps, schema_editor):
    from testsessions.services.feedback_forms import feedback_form_default_ensure

    feedback_form_default_ensure(apps=apps)


def remove_default_form(apps, schema_editor):
    """Remove the default form and the sessions that asked it, leaves first.

    Rows are deleted without the cascade collector, which the historical models cannot drive here.
    """
    from testsessions.services.feedback_forms import DEFAULT_LINEAGE

    def model(name):
        return apps.get_model("testsessions", name)

    db = schema_editor.connection.alias
    form_ids = list(
        model("FeedbackForm").objects.using(db).filter(lineage=DEFAULT_LINEAGE).values_list("pk", flat=True)
    )
    session_ids = list(model("TestSession").objects.using(db).filter(form_id__in=form_ids).values_list("pk", flat=True))
    model("Feedback").objects.using(db).filter(stand__session_id__in=session_ids)._raw_delete(db)
    model("Debrief").objects.using(db).filter(session_id__in=session_ids)._raw_delete(db)
    model("Stand").objects.using(db).filter(session_id__in=session_ids)._raw_delete(db)
    model("TestSession").objects.using(db).filter(pk__in=session_ids)._raw_delete(db)
    model("FeedbackQuestion").objects.using(db).filter(form_id__in=form_ids)._raw_delete(db)
    model("FeedbackForm").objects.using(db).filter(pk__in=form_ids)._raw_delete(db)


class Migration(migrations.Migration):
    dependencies = [
        ("testsessions", "0001_test_sessions_stands_feedback_debriefs"),
    ]

    operations = [
        migrations.RunPython(create_default_form, remove_default_form),
    ]
