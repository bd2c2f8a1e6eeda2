from django.contrib import admin

from invoices.models import Invoice


@admin.register(Invoice)
# ModelAdmin is generic only in django-stubs (at run time it takes no type argument without django-stubs-ext).
class InvoiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "status")
    search_fields = ("status",)
