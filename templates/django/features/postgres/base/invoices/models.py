from typing import ClassVar

from django.db import models

STATUS_MAX_LENGTH = 64


class Invoice(models.Model):
    """An invoice. Change a field here, then `python manage.py makemigrations` writes the migration for it."""

    # The id is a BIGINT identity column (settings.DEFAULT_AUTO_FIELD), handed out by PostgreSQL.
    status = models.CharField(max_length=STATUS_MAX_LENGTH)

    class Meta:
        db_table = "invoices"
        constraints: ClassVar = [
            models.CheckConstraint(condition=~models.Q(status=""), name="invoices_status_not_empty")
        ]

    def __str__(self) -> str:
        return f"Invoice {self.pk} ({self.status})"
