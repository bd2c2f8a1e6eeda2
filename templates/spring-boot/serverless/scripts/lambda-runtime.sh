#!/bin/sh
# Runs the deployable function the way Lambda's java21 runtime does: the jar built as `sam build` builds it (the
# Makefile's build-ApiFunction), started by AWS's runtime interface client for Java (its jars copied by the Makefile's
# lambda-emulator-runtime target) with the artifact folder as LAMBDA_TASK_ROOT, and tiered compilation stopped at C1
# as Lambda's runtime does. Run it under the Runtime Interface Emulator (aws-lambda-rie), which provides the runtime
# API and passes the handler on as _HANDLER; see the README.
set -eu
handler="${_HANDLER:-${1:-}}"
[ -n "$handler" ] || { echo "usage: sh scripts/lambda-runtime.sh <handler> (template.yaml's Handler), or set _HANDLER" >&2; exit 2; }
make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" >&2
make lambda-emulator-runtime >&2
cd .aws-sam/build/ApiFunction
export LAMBDA_TASK_ROOT="$PWD"
exec java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -cp "$PWD/../../lambda-emulator-runtime/*" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$handler"
