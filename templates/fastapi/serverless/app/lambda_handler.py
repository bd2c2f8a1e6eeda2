"""AWS Lambda entry point (template.yaml: Handler app.lambda_handler.handler): the same app, through Mangum."""

from mangum import Mangum

from app.main import app

# Built once per execution environment, during Lambda's init phase; warm invocations reuse it.
# lifespan="off": Mangum would otherwise run the app's startup and shutdown around every invocation, and this app
# has no startup work. Turn it to "auto" if you add a lifespan handler.
handler = Mangum(app, lifespan="off")
