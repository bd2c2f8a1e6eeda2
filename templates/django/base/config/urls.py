from django.urls import include, re_path

from config import errors

urlpatterns = [
    re_path(r"^invoices/", include("invoices.urls")),
    # Anything else is a JSON 404, with DEBUG on too (Django's own 404 page is HTML).
    re_path(r"", errors.not_found),
]

# Used with DEBUG off, for errors raised outside the views above (e.g. a Host header ALLOWED_HOSTS does not list).
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
