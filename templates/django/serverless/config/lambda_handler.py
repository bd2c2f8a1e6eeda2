"""AWS Lambda entry point (template.yaml: Handler config.lambda_handler.handler): Django's ASGI app through Mangum."""

from mangum import Mangum

from config.asgi import application

# Built once per execution environment, during Lambda's init phase (settings, URLconf and middleware load then);
# warm invocations reuse it. lifespan="off": Django's ASGI handler does not speak the lifespan protocol.
handler = Mangum(application, lifespan="off")
