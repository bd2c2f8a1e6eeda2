#!/bin/sh
# Runs the deployable function the way Lambda's java21 runtime does: the jar built as `sam build` builds it (the
# Makefile's build-ApiFunction), started by AWS's runtime interface client for Java (its jars copied by the Makefile's
# lambda-emulator-runtime target) with the artifact folder as LAMBDA_TASK_ROOT, and tiered compilation stopped at C1
# as Lambda's runtime does. Run it under the Runtime Interface Emulator (aws-lambda-rie), which provides the runtime
# API and passes the handler on as _HANDLER; see the README.
set -eu
# LAMBDA_STEPS=build only builds; LAMBDA_STEPS=run only starts what an earlier build left (so a cold start can be
# timed apart from the build, as `npm run bench` does). Both, in that order, by default.
steps="${LAMBDA_STEPS:-build run}"
case "$steps" in
  "build run" | build | run) ;;
  *) echo "LAMBDA_STEPS is \"$steps\": use build, run, or leave it unset for both" >&2; exit 2 ;;
esac
handler="${_HANDLER:-${1:-}}"
[ -n "$handler" ] || { echo "usage: sh scripts/lambda-runtime.sh <handler> (template.yaml's Handler), or set _HANDLER" >&2; exit 2; }
if [ "$steps" != run ]; then
  make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" >&2
  make lambda-emulator-runtime >&2
fi
[ "$steps" != build ] || exit 0
cd .aws-sam/build/ApiFunction
export LAMBDA_TASK_ROOT="$PWD"
exec java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -cp "$PWD/../../lambda-emulator-runtime/*" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$handler"
