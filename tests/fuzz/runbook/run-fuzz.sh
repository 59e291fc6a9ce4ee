#!/bin/sh
# Builds and runs the runbook fuzzer for a bounded time (CI: `tests/fuzz/runbook/run-fuzz.sh 60`).
# usage: run-fuzz.sh [SECONDS] [BUILD_DIR]
# Exit status: 0 when no input crashed it within the time; libFuzzer's status (and a crash-* file) otherwise.
set -eu
seconds=${1:-60}
src=$(cd "$(dirname "$0")/../../.." && pwd)
build=${2:-$src/build-fuzz}
launcher=""
command -v ccache >/dev/null 2>&1 && launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $launcher \
  -DCMAKE_CXX_COMPILER=clang++ -DSITREP_BUILD_FUZZ=ON -DSITREP_WERROR=OFF >/dev/null
cmake --build "$build" --target fuzz_runbook -j"${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}"
corpus="$build/fuzz-corpus/runbook"
mkdir -p "$corpus"
cp "$src"/tests/unit/runbook/fixtures/*.md "$src"/resources/runbooks/*.md "$corpus"/ 2>/dev/null || true
# Command lines and SQL blocks as seeds for the classifier and the SQL splitter; shell and SQL tokens as a
# dictionary, so mutations build redirections, wrappers, quotes and dollar quotes quickly.
cp "$src"/tests/fuzz/runbook/seeds/* "$corpus"/ 2>/dev/null || true
cd "$build"
exec "$build/tests/fuzz/runbook/fuzz_runbook" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -dict="$src/tests/fuzz/runbook/runbook.dict" "$corpus"
