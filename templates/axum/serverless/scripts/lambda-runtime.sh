#!/bin/sh
# Runs the deployable function the way Lambda's provided.al2023 runtime does: built as `sam build` builds it (the
# Makefile's build-ApiFunction), but for this machine (RUST_TARGET empty: the host's target, not template.yaml's
# aarch64 Linux), then started as Lambda starts a custom runtime, as $LAMBDA_TASK_ROOT/bootstrap. Run it under the
# Runtime Interface Emulator (aws-lambda-rie), which provides the runtime API the bootstrap polls; see the README.
set -eu
# LAMBDA_STEPS=build only builds; LAMBDA_STEPS=run only starts what an earlier build left (so a cold start can be
# timed apart from the build, as `npm run bench` does). Both, in that order, by default.
steps="${LAMBDA_STEPS:-build run}"
case "$steps" in
  "build run" | build | run) ;;
  *) echo "LAMBDA_STEPS is \"$steps\": use build, run, or leave it unset for both" >&2; exit 2 ;;
esac
if [ "$steps" != run ]; then
  make build-ApiFunction RUST_TARGET= ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" >&2
fi
[ "$steps" != build ] || exit 0
cd .aws-sam/build/ApiFunction
export LAMBDA_TASK_ROOT="$PWD"
exec ./bootstrap
