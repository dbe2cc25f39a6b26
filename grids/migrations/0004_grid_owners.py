# Grids get an owner: an organisation or a lab. Existing grids keep both empty, which means they belong
# to the platform (only staff change them), the default grid included.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("grids", "0003_orderings_on_local_columns"),
        ("innovation", "0005_notification_sending_since"),
        ("labs", "0001_labs_networks_members_sessions_workshops"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="grid",
            name="lab",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="labs.lab",
                verbose_name="owner lab",
            ),
        ),
        migrations.AddField(
            model_name="grid",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="innovation.organisation",
                verbose_name="owner organisation",
            ),
        ),
        migrations.AddConstraint(
            model_name="grid",
            constraint=models.CheckConstraint(
                condition=models.Q(("organisation__isnull", True), ("lab__isnull", True), _connector="OR"),
                name="grid_one_owner_at_most",
            ),
        ),
        migrations.AddConstraint(
            model_name="grid",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("is_default", False),
                    models.Q(("lab__isnull", True), ("organisation__isnull", True)),
                    _connector="OR",
                ),
                name="grid_default_belongs_to_platform",
            ),
        ),
    ]
