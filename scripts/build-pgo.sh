#!/usr/bin/env bash
# A release binary built with profile-guided optimisation (PGO), written
# to target/pgo/claimcheck:
#
#   scripts/build-pgo.sh
#
# 1. builds claimcheck instrumented to count what its code does;
# 2. runs it on real copy only: the bundled corpus and ../shared/seeds
#    (when there) in every format, and every test fixture with --explain,
#    never the benchmark's synthetic corpus, so that the benchmark does
#    not measure its own training;
# 3. builds it again, laid out and inlined by those counts.
#
# It needs llvm-profdata of the compiler's own LLVM (the llvm-tools
# component, added here when rustup is there). The binary checks the same
# way, byte for byte; it is faster (see BENCHMARKS.md, twenty-sixth
# session). Two release builds: several minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$PWD/target/pgo"

if command -v rustup >/dev/null 2>&1; then
  rustup component add llvm-tools >/dev/null 2>&1 || true
fi
profdata="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  echo "error: $profdata not found: run \`rustup component add llvm-tools\`" >&2
  exit 2
fi

RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-generate=$work/profiles" \
  cargo build --release --locked --quiet --target-dir "$work/generate"
bin="$work/generate/release/claimcheck"
# Only the training's counts: a build that runs build.rs, instrumented
# too, leaves its counts here as well.
rm -rf "$work/profiles"
mkdir -p "$work/profiles"

# run DIR ARGS...: a check whose exit code is 0 or 1 (conflicts found).
# Its standard error is shown only if it fails: the instrumented binary
# warns of value profiles it has no room for, which costs nothing here.
run() {
  local dir="$1" code=0
  shift
  (cd "$dir" && "$bin" "$@" >/dev/null 2>"$work/stderr") || code=$?
  if [ "$code" -gt 1 ]; then
    cat "$work/stderr" >&2
    echo "error: training run failed (exit $code): $bin $* in $dir" >&2
    exit 2
  fi
}
seeds=()
[ -d ../shared/seeds ] && seeds=("$(cd ../shared/seeds && pwd)")
for format in text json sarif html junit github markdown; do
  run . check --format "$format" --notes corpus "${seeds[@]}"
done
run . check --explain --format json corpus "${seeds[@]}"
for fixture in tests/fixtures/*/*/; do
  run "$fixture" check --explain --format json
done

"$profdata" merge -o "$work/merged.profdata" "$work/profiles"
# Built afresh: cargo does not notice a new profile at the same path.
rm -rf "$work/use"
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-use=$work/merged.profdata" \
  cargo build --release --locked --quiet --target-dir "$work/use"
cp "$work/use/release/claimcheck" "$work/claimcheck"
echo "built $work/claimcheck"
