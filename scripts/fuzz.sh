#!/usr/bin/env bash
# Coverage-guided fuzzing of the engine with cargo-fuzz (libFuzzer, nightly Rust). Each target in
# fuzz/fuzz_targets runs for FUZZ_SECONDS seconds (default 60; 10 with --smoke, as CI runs it) on
# a working corpus in fuzz/corpus/<target>: git-ignored, started from the committed seeds in
# fuzz/seeds/<target>, and kept between runs so later runs start from what earlier ones found.
# Exits non-zero when a target panics, hangs or breaks an invariant, naming the saved input and
# the command that replays it.
#
#   bash scripts/fuzz.sh [--smoke] [target...]        npm run fuzz [-- --smoke]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[fuzz] %s\n' "$*" >&2; }

seconds=60
targets=()
for arg in "$@"; do
  case "$arg" in
    --smoke) seconds=10 ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) log "unknown option $arg"; exit 2 ;;
    *) targets+=("$arg") ;;
  esac
done
seconds=${FUZZ_SECONDS:-$seconds}
[ ${#targets[@]} -gt 0 ] || targets=(decode engine assess)
for t in "${targets[@]}"; do
  [ -f "fuzz/fuzz_targets/$t.rs" ] || { log "no fuzz target \"$t\" in fuzz/fuzz_targets"; exit 2; }
done

if ! cargo +nightly --version >/dev/null 2>&1 || ! command -v cargo-fuzz >/dev/null 2>&1; then
  log "needs the nightly toolchain and cargo-fuzz: run 'bash scripts/setup.sh' first"
  exit 1
fi

# No sanitizer: the engine is safe Rust, and AddressSanitizer would only halve the executions per
# second. Debug assertions on, so an arithmetic overflow panics instead of wrapping unnoticed.
flags=(--sanitizer none --debug-assertions)
log "building the fuzz targets"
cargo +nightly fuzz build "${flags[@]}"

mkdir -p fuzz/logs
marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
failed=()
printf '\n%-8s %6s %12s %9s %8s  %s\n' target time runs 'exec/s' corpus result
for t in "${targets[@]}"; do
  corpus=fuzz/corpus/$t
  logfile=fuzz/logs/$t.log
  mkdir -p "$corpus" "fuzz/artifacts/$t"
  cp fuzz/seeds/"$t"/* "$corpus"/
  touch "$marker"
  status=0
  # -timeout: an input that takes 10 s is a hang, and fails the run like a crash does.
  cargo +nightly fuzz run "${flags[@]}" "$t" "$corpus" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=4096 \
    -dict=fuzz/json.dict -print_final_stats=1 > "$logfile" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logfile" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logfile" | tail -n 1)
  inputs=$(find "$corpus" -type f | wc -l)
  result=ok
  [ "$status" -eq 0 ] || result=FAILED
  printf '%-8s %5ss %12s %9s %8s  %s\n' "$t" "$seconds" "${runs:-?}" "${rate:-?}" "$inputs" "$result"
  if [ "$status" -ne 0 ]; then
    echo "----- from $logfile"
    if grep -q 'panicked at' "$logfile"; then
      sed -n '/panicked at/,$p' "$logfile" | head -n 24
    else
      tail -n 24 "$logfile"
    fi
    echo "-----"
    found=$(find "fuzz/artifacts/$t" -type f -newer "$marker" | head -n 1)
    if [ -n "$found" ]; then
      echo "----- the input"
      if grep -q 'data: &\[u8\]' "fuzz/fuzz_targets/$t.rs"; then
        head -c 2000 "$found" | cat -v
        echo
      else
        # Structured inputs, printed as the JSON arguments they stand for.
        cargo +nightly fuzz fmt "${flags[@]}" "$t" "$found" 2>/dev/null | sed -n '/Debug/,$p' | tail -n +2
      fi
      echo "-----"
      log "$t: the failing input is $found"
      log "replay it with: cargo +nightly fuzz run ${flags[*]} $t $found"
    else
      log "$t: exited with status $status without saving an input; see $logfile"
    fi
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  log "failed: ${failed[*]} (full logs in fuzz/logs/)"
  exit 1
fi
log "no crash, hang or broken invariant in ${#targets[@]} target(s), ${seconds}s each"
