"""AWS Lambda entry point (template.yaml: Handler config.lambda_handler.handler): Django's ASGI app through Mangum."""

from typing import cast

from mangum import Mangum
from mangum.types import ASGI

from config.asgi import application

# Built once per execution environment, during Lambda's init phase (settings, URLconf and middleware load then);
# warm invocations reuse it. lifespan="off": Django's ASGI handler does not speak the lifespan protocol.
# The cast: django-stubs types the ASGI scope as a dict and Mangum as a MutableMapping, the same thing at run time.
handler = Mangum(cast(ASGI, application), lifespan="off")
