"""A stand's label is no longer stored: it is read from its number, in the reader's language (« Défi 3 », "Challenge 3").

The column had been written in the language of whoever opened the stands. It gets a default first, so that undoing
the removal adds it back on a table that has rows.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("testsessions", "0003_session_updated_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="stand",
            name="label",
            field=models.CharField(default="", max_length=60, verbose_name="label"),
        ),
        migrations.RemoveField(model_name="stand", name="label"),
    ]
