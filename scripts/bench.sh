#!/usr/bin/env bash
# End-to-end benchmark: a deterministic synthetic corpus, the release binary,
# and ripgrep finding the same alias, venue and cue phrases.
#
#   scripts/bench.sh [--mb N] [--claims K] [--mentioning F] [--scaling]
#                    [--archive X] [--rounds R] [--pgo] [--cold] [--smoke]
#
# Prints MB/s, the ratio to ripgrep and peak RSS: the medians of R rounds
# (default 5) in which the commands compared take turns, and of each
# round's own ratio, which a shared machine's drift moves far less.
# --scaling also times one corpus against 100 and 10,000 claims (the 9,900
# more never mentioned, so only the claims count changes), and a corpus
# that mentions 10,000. --smoke is a quick run for CI: small, one round,
# and only checks that everything runs. --mentioning F makes only a share
# F of the articles mention claims (default 1: every article, the worst
# case; an archive checked against a claims file is mostly F < 0.1).
# --archive X also checks an archive X times the corpus, X symbolic links
# to it in one folder, to show that peak memory does not grow with the
# archive (each link's articles are other paths, so other articles).
# --pgo times the binary of scripts/build-pgo.sh (profile-guided
# optimisation) instead of the plain release build.
# --cold drops the corpus from the page cache before each run instead of
# reading it first, so that both tools read it from disk: an archive
# checked for the first time, or not since its pages were reclaimed.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=100
claims=1000
mentioning=1
scaling=0
archive=0
rounds=5
pgo=0
cache=warm
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --claims) claims="$2"; shift 2 ;;
    --mentioning) mentioning="$2"; shift 2 ;;
    --scaling) scaling=1; shift ;;
    --archive) archive="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --pgo) pgo=1; shift ;;
    --cold) cache=cold; shift ;;
    --smoke) mb=2; claims=100; rounds=1; archive=3; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

cargo build --release --locked --quiet
bin="$PWD/target/release/claimcheck"
if [ "$pgo" = 1 ]; then
  scripts/build-pgo.sh >/dev/null
  bin="$PWD/target/pgo/claimcheck"
fi
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

# rounds JSON: the commands of JSON timed in alternating rounds (see
# scripts/rounds.py): per command "median fastest slowest rss", then per
# command after the first "median lowest highest" of its ratio to it.
rounds_of() {
  python3 scripts/rounds.py "$rounds" "$1" "$cache"
}

# spec DIR CMD...: one command for rounds_of, as JSON.
spec() {
  python3 -c 'import json, sys; print(json.dumps({"dir": sys.argv[1], "cmd": sys.argv[2:]}))' "$@"
}

mbps() {
  python3 -c "print(f'{$1/1048576/$2:.1f}')"
}

# corpus_for K [EXTRA]: the corpus mentioning K claims, and with EXTRA
# also claims-plus-EXTRA.yaml (those K and EXTRA more it never mentions).
corpus_for() {
  local k="$1" extra="${2:-0}"
  local dir="$work/corpus-${mb}mb-${k}claims"
  [ "$mentioning" = 1 ] || dir="$dir-${mentioning}mentioning"
  [ "$extra" = 0 ] || dir="$dir-plus${extra}"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    python3 scripts/gen_corpus.py --mb "$mb" --claims "$k" --mentioning "$mentioning" \
      --extra-claims "$extra" --out "$dir"
    touch "$dir/.done"
  fi
  echo "$dir"
}

dir=$(corpus_for "$claims")
bytes=$(du -sb "$dir/corpus" | cut -f1)
megs=$(python3 -c "print(f'{$bytes/1048576:.1f}')")
# rounds.py reads the corpus before each run, so every tool reads from
# memory (or, with --cold, drops it from the page cache).

cc=$(spec "$dir" "$bin" check --format json -o /dev/null corpus)
echo "corpus: ${megs} MB in $(find "$dir/corpus" -type f | wc -l) articles, ${claims} claims, share mentioning claims ${mentioning} ($(nproc) cores)"
echo "medians of $rounds round(s), the tools taking turns (fastest-slowest)$([ "$pgo" = 1 ] && echo "; claimcheck built with PGO")$([ "$cache" = cold ] && echo "; the corpus out of the page cache before each run")"
# ripgrep first, so that the ratio of each round is claimcheck's to it.
if command -v rg >/dev/null 2>&1; then
  mapfile -t out < <(rounds_of "[$(spec "$dir" rg -c -i -F -f phrases.txt corpus), $cc]")
  read -r rg_s rg_min rg_max rg_rss <<< "${out[0]}"
  read -r cc_s cc_min cc_max cc_rss <<< "${out[1]}"
  read -r ratio ratio_min ratio_max <<< "${out[2]}"
else
  mapfile -t out < <(rounds_of "[$cc]")
  read -r cc_s cc_min cc_max cc_rss <<< "${out[0]}"
fi
printf "claimcheck: %6.2f s (%.2f-%.2f)  %7s MB/s  peak RSS %d MB\n" "$cc_s" "$cc_min" "$cc_max" \
  "$(mbps "$bytes" "$cc_s")" "$((cc_rss / 1024))"
if [ -n "${rg_s:-}" ]; then
  printf "ripgrep:    %6.2f s (%.2f-%.2f)  %7s MB/s  peak RSS %d MB  (%s)\n" "$rg_s" "$rg_min" "$rg_max" \
    "$(mbps "$bytes" "$rg_s")" "$((rg_rss / 1024))" "$(rg --version | sed -n 1p)"
  printf "ratio claimcheck/ripgrep: %.2fx (rounds %.2f-%.2fx)\n" "$ratio" "$ratio_min" "$ratio_max"
else
  echo "ripgrep: not available, comparison skipped"
fi

# The bundled run is short enough for scheduling noise to matter: the
# median and the fastest of 21 runs.
python3 - "$bin" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(21):
    start = time.perf_counter()
    subprocess.call([sys.argv[1], "check", "--format", "json", "-o", "/dev/null"], stdout=subprocess.DEVNULL)
    runs.append((time.perf_counter() - start) * 1000)
print(f"bundled corpus (5 articles): median {statistics.median(runs):.1f} ms, fastest {min(runs):.1f} ms (21 runs)")
PY

if [ "$scaling" = 1 ]; then
  # The claims count alone: one corpus, checked against the 100 claims it
  # mentions and against those 100 plus 9,900 it never mentions.
  d=$(corpus_for 100 9900)
  mapfile -t out < <(rounds_of "[$(spec "$d" "$bin" check --claims claims.yaml --format json -o /dev/null corpus), \
    $(spec "$d" "$bin" check --claims claims-plus-9900.yaml --format json -o /dev/null corpus)]")
  read -r s100 _ _ rss100 <<< "${out[0]}"
  read -r s10k _ _ rss10k <<< "${out[1]}"
  read -r ratio ratio_min ratio_max <<< "${out[2]}"
  printf "same corpus,    100 claims: %6.2f s  peak RSS %d MB\n" "$s100" "$((rss100 / 1024))"
  printf "same corpus, 10,000 claims: %6.2f s  peak RSS %d MB  (%.2fx of 100; rounds %.2f-%.2fx)\n" \
    "$s10k" "$((rss10k / 1024))" "$ratio" "$ratio_min" "$ratio_max"
  # And a corpus that mentions all 10,000 (more kinds of mention, so more work).
  d=$(corpus_for 10000)
  read -r s _ _ rss < <(rounds_of "[$(spec "$d" "$bin" check --format json -o /dev/null corpus)]")
  printf "10,000 claims, a corpus mentioning all of them: %6.2f s  peak RSS %d MB\n" "$s" "$((rss / 1024))"
fi

if [ "$archive" -gt 1 ]; then
  a="$work/archive-$(basename "$dir")-x$archive"
  mkdir -p "$a/corpus"
  for i in $(seq 1 "$archive"); do ln -sfn "$dir/corpus" "$a/corpus/copy$i"; done
  mapfile -t out < <(rounds_of "[$cc, $(spec "$a" "$bin" check --claims "$dir/claims.yaml" --format json -o /dev/null corpus)]")
  read -r s1 _ _ rss1 <<< "${out[0]}"
  read -r sx _ _ rssx <<< "${out[1]}"
  printf "archive %-5s %7.1f MB  %6.2f s  %7s MB/s  peak RSS %d MB\n" "x1:" "$megs" "$s1" "$(mbps "$bytes" "$s1")" "$((rss1 / 1024))"
  printf "archive %-5s %7.1f MB  %6.2f s  %7s MB/s  peak RSS %d MB\n" "x$archive:" \
    "$(python3 -c "print($megs * $archive)")" "$sx" "$(mbps "$((bytes * archive))" "$sx")" "$((rssx / 1024))"
fi
