#!/bin/sh
# Runs the deployable function the way Lambda's Python runtime does: built like `sam build` (the Makefile's
# build-ApiFunction), but with wheels for this machine's Python instead of Lambda's python3.13/arm64, then started by
# AWS's runtime interface client, awslambdaric (kept in its own venv under .aws-sam/ric, as Lambda keeps it outside
# the function's code), with the artifact folder as LAMBDA_TASK_ROOT and no __pycache__ written (Lambda's /var/task
# is read-only: the artifact's own .pyc files are all there is). Run it under the Runtime Interface Emulator
# (aws-lambda-rie), which provides the runtime API and passes the handler on as _HANDLER; see the README.
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
  rm -rf .aws-sam/build/ApiFunction
  make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" LAMBDA_PIP_ARGS= >&2
  if [ ! -x .aws-sam/ric/bin/python ]; then
    { python3 -m venv .aws-sam/ric && .aws-sam/ric/bin/pip install --disable-pip-version-check "awslambdaric>=4.2.2,<5"; } >&2
  fi
fi
[ "$steps" != build ] || exit 0
cd .aws-sam/build/ApiFunction
export LAMBDA_TASK_ROOT="$PWD" PYTHONPATH="$PWD" PYTHONDONTWRITEBYTECODE=1
exec ../../ric/bin/python -m awslambdaric "$handler"
