from django.urls import path

from invoices import views

urlpatterns = [
    path("", views.invoice_list),
    # `str`, not `int`: Django's int converter would send "abc" and "-7" to a 404; the view answers 400 or 200.
    path("/<str:invoice_id>", views.invoice_detail),
]
