from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Invoice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(max_length=64)),
            ],
            options={
                "db_table": "invoices",
                "constraints": [
                    models.CheckConstraint(condition=~models.Q(status=""), name="invoices_status_not_empty"),
                ],
            },
        ),
    ]
