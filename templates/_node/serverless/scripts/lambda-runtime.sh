#!/bin/sh
# Runs the deployable function the way the Lambda service runs it: built as `sam build` builds it (the Makefile's
# build-ApiFunction), then started in the build folder by AWS's runtime interface client for Node, which takes
# invocations from the runtime API in AWS_LAMBDA_RUNTIME_API. Run it under the Runtime Interface Emulator
# (aws-lambda-rie), which provides that API and passes the handler on as _HANDLER; see the README.
set -eu
# LAMBDA_STEPS=build only builds; LAMBDA_STEPS=run only starts what an earlier build left (so a cold start can be
# timed apart from the build, as `npm run bench` does). Both, in that order, by default.
steps="${LAMBDA_STEPS:-build run}"
case "$steps" in
  "build run" | build | run) ;;
  *) echo "LAMBDA_STEPS is \"$steps\": use build, run, or leave it unset for both" >&2; exit 2 ;;
esac
if ! command -v aws-lambda-ric >/dev/null 2>&1; then
  echo "aws-lambda-ric is not on PATH: npm install --global aws-lambda-ric (a native addon: node-gyp needs python3, make and a C++ compiler)." >&2
  exit 127
fi
handler="${_HANDLER:-${1:-}}"
[ -n "$handler" ] || { echo "usage: sh scripts/lambda-runtime.sh <handler> (template.yaml's Handler), or set _HANDLER" >&2; exit 2; }
if [ "$steps" != run ]; then
  make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" >&2
fi
[ "$steps" != build ] || exit 0
cd .aws-sam/build/ApiFunction
export LAMBDA_TASK_ROOT="$PWD"
exec aws-lambda-ric "$handler"
