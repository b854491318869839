#!/usr/bin/env bash
# Paired A/B of the plan page's mobile Lighthouse score: the build of a git ref (A) against the current build in
# dist/ (B), in alternating batches, so that both sides see the same machine. One batch of 5 runs moved by up to
# 8 points between invocations on the same build on these shared 2-core machines; a change is judged by the
# medians of every run's metrics over several rounds, and round by round (docs/performance-frontend.md, eighth round).
#
# Usage: bash scripts/lighthouse-ab.sh <git ref for A> [rounds, default 4] [runs per batch, default 3] [page, default plan]
#   Build B first (npx nx run-many -t build -p api web). A is checked out and built in tmp/lighthouse-ab/A (a git
#   worktree sharing node_modules), and measured with B's scripts/lighthouse.mjs, so only the app differs.
set -euo pipefail
ref=${1:?usage: bash scripts/lighthouse-ab.sh <git ref for A> [rounds] [runs] [page]}
rounds=${2:-4}
runs=${3:-3}
page=${4:-plan}
root=$(cd "$(dirname "$0")/.." && pwd)
a="$root/tmp/lighthouse-ab/A"
out="$root/tmp/lighthouse-ab"
export PATH="$root/node_modules/.bin:$PATH" NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
[ -f "$root/dist/apps/web/browser/index.html" ] || { echo "build B first: npx nx run-many -t build -p api web" >&2; exit 2; }

mkdir -p "$out"
if [ -d "$a" ]; then git -C "$a" checkout -q --force --detach "$ref"; else git -C "$root" worktree add -q --detach "$a" "$ref"; fi
ln -sfn "$root/node_modules" "$a/node_modules"
cp "$root/scripts/lighthouse.mjs" "$a/scripts/lighthouse.mjs"
echo "building A ($(git -C "$a" log --oneline -1)) ..."
(cd "$a" && nx run-many -t build -p api web --output-style=static --skip-nx-cache > "$out/build-A.log" 2>&1)

rm -f "$out/A.tsv" "$out/B.tsv"
for round in $(seq 1 "$rounds"); do
  for side in A B; do
    dir=$root
    [ "$side" = A ] && dir=$a
    (cd "$dir" && node scripts/lighthouse.mjs --pages "$page" --form-factors mobile --runs "$runs" --no-fail > "$out/last-$side.log" 2>&1)
    node -e 'for (const r of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))) console.log(Object.values(r).join("\t"))' \
      "$dir/dist/lighthouse/$page-mobile.runs.json" >> "$out/$side.tsv"
  done
  echo "round $round of $rounds done"
done
git -C "$a" checkout -q -- scripts/lighthouse.mjs

node - "$out" <<'EOF'
const { readFileSync } = require('node:fs');
const out = process.argv[2];
const cols = ['score', 'FCP', 'LCP', 'SI', 'TBT', 'TTI'];
const median = (values) => {
  const v = [...values].sort((x, y) => x - y);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const sides = Object.fromEntries(
  ['A', 'B'].map((side) => [
    side,
    readFileSync(`${out}/${side}.tsv`, 'utf8').trim().split('\n').map((line) => line.split('\t').map(Number)),
  ]),
);
for (const [side, rows] of Object.entries(sides)) {
  const medians = cols.map((c, i) => `${c} ${median(rows.map((r) => r[i]))}`).join(', ');
  const mean = rows.reduce((sum, r) => sum + r[0], 0) / rows.length;
  const atTarget = rows.filter((r) => r[0] >= 90).length;
  console.log(`${side}: ${rows.length} runs; medians ${medians}; mean score ${mean.toFixed(1)}; ${atTarget} at 90 or more`);
}
const pairs = sides.A.map((a, i) => [a, sides.B[i]]).filter(([, b]) => b);
console.log(`B's blocking time lower than A's in ${pairs.filter(([a, b]) => b[4] < a[4]).length} of ${pairs.length} pairs`);
EOF
