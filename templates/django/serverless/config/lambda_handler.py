"""AWS Lambda entry point (template.yaml: Handler config.lambda_handler.handler): Django's WSGI app through apig-wsgi.

WSGI rather than ASGI (Mangum): Django's ASGI handler runs each request's view in a thread of its own, so a database
connection, which Django keeps per thread, would be opened for every invocation and left behind. Through WSGI every
invocation runs on the instance's one thread, and with CONN_MAX_AGE (config/settings.py) its connection is reused.
"""

from apig_wsgi import make_lambda_handler

from config.wsgi import application

# Built once per execution environment, during Lambda's init phase (settings, URLconf and middleware load then);
# warm invocations reuse it. HTTP API (payload 2.0) events and responses; bodies of JSON and text types as text.
handler = make_lambda_handler(application)
