#!/usr/bin/env bash
# End-to-end benchmark: a deterministic synthetic corpus, the release binary,
# and ripgrep finding the same alias, venue and cue phrases.
#
#   scripts/bench.sh [--mb N] [--claims K] [--mentioning F] [--scaling] [--smoke]
#
# Prints MB/s, the ratio to ripgrep and peak RSS. --scaling also times 100
# and 10,000 claims on the same corpus size. --smoke is a quick run for CI:
# small, and only checks that everything runs. --mentioning F makes only a
# share F of the articles mention claims (default 1: every article, the
# worst case; an archive checked against a claims file is mostly F < 0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=100
claims=1000
mentioning=1
scaling=0
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --claims) claims="$2"; shift 2 ;;
    --mentioning) mentioning="$2"; shift 2 ;;
    --scaling) scaling=1; shift ;;
    --smoke) mb=2; claims=100; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

cargo build --release --locked --quiet
bin="$PWD/target/release/claimcheck"
work="$PWD/target/bench"
mkdir -p "$work"

if ! command -v rg >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq ripgrep >/dev/null 2>&1 || true
  fi
fi
if ! command -v rg >/dev/null 2>&1; then
  cargo install ripgrep --locked --quiet >/dev/null 2>&1 || true
fi

# measure LABEL DIR CMD...: wall seconds and peak RSS (KB) of one command.
measure() {
  local dir="$1"; shift
  python3 - "$dir" "$@" <<'PY'
import os, resource, subprocess, sys, time
dir, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
code = subprocess.call(cmd, cwd=dir, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if code not in (0, 1):
    sys.exit(f"{cmd[0]} exited with {code}")
print(f"{wall:.3f} {rss}")
PY
}

corpus_for() {
  local k="$1"
  local dir="$work/corpus-${mb}mb-${k}claims"
  [ "$mentioning" = 1 ] || dir="$dir-${mentioning}mentioning"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    python3 scripts/gen_corpus.py --mb "$mb" --claims "$k" --mentioning "$mentioning" --out "$dir"
    touch "$dir/.done"
  fi
  echo "$dir"
}

dir=$(corpus_for "$claims")
bytes=$(du -sb "$dir/corpus" | cut -f1)
megs=$(python3 -c "print(f'{$bytes/1048576:.1f}')")
# Warm the page cache so both tools read from memory.
find "$dir/corpus" -type f -exec cat {} + > /dev/null

read -r cc_s cc_rss < <(measure "$dir" "$bin" check --format json -o /dev/null corpus)
echo "corpus: ${megs} MB in $(find "$dir/corpus" -type f | wc -l) articles, ${claims} claims, share mentioning claims ${mentioning} ($(nproc) cores)"
printf "claimcheck: %6.2f s  %7.1f MB/s  peak RSS %d MB\n" "$cc_s" \
  "$(python3 -c "print($bytes/1048576/$cc_s)")" "$((cc_rss / 1024))"

if command -v rg >/dev/null 2>&1; then
  read -r rg_s rg_rss < <(measure "$dir" rg -c -i -F -f phrases.txt corpus)
  printf "ripgrep:    %6.2f s  %7.1f MB/s  peak RSS %d MB  (%s)\n" "$rg_s" \
    "$(python3 -c "print($bytes/1048576/$rg_s)")" "$((rg_rss / 1024))" "$(rg --version | head -1)"
  printf "ratio claimcheck/ripgrep: %.2fx\n" "$(python3 -c "print($cc_s/$rg_s)")"
else
  echo "ripgrep: not available, comparison skipped"
fi

read -r b_s _ < <(measure "$PWD" "$bin" check --format json -o /dev/null)
printf "bundled corpus (5 articles): %.0f ms\n" "$(python3 -c "print($b_s*1000)")"

if [ "$scaling" = 1 ]; then
  for k in 100 10000; do
    d=$(corpus_for "$k")
    read -r s rss < <(measure "$d" "$bin" check --format json -o /dev/null corpus)
    printf "%6d claims: %6.2f s  peak RSS %d MB\n" "$k" "$s" "$((rss / 1024))"
  done
fi
