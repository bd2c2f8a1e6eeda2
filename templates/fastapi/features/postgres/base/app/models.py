"""The tables, as SQLAlchemy 2 typed mappings. migrations/ creates them; change both together
(`.venv/bin/alembic revision --autogenerate -m "what changed"` writes a migration from the difference)."""

from sqlalchemy import BigInteger, CheckConstraint, Identity, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

STATUS_MAX_LENGTH = 64


class Base(DeclarativeBase):
    pass


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (CheckConstraint("status <> ''", name="invoices_status_not_empty"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    status: Mapped[str] = mapped_column(String(STATUS_MAX_LENGTH))
