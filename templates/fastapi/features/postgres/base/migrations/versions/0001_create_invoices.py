"""create invoices

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "invoices",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column("status", sa.String(64), nullable=False),
        sa.CheckConstraint("status <> ''", name="invoices_status_not_empty"),
    )


def downgrade() -> None:
    op.drop_table("invoices")
