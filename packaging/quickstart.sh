#!/usr/bin/env bash
# The README's quick start. On a fresh Debian 12 machine:
#   packaging/quickstart.sh demo   install what is missing, build the program (not the tests), start the demo
#   packaging/quickstart.sh test   install what is missing, build (warnings are errors), run every test
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
what=${1:-demo}

"$here/packaging/install-deps.sh"

jobs=$(nproc 2>/dev/null || echo 2)
case "$what" in
  demo)
    # Only what the demo needs: the program and its notifier plugins, no tests or benchmarks. Same preset and
    # flags as `test`, so a later `quickstart.sh test` reuses every object and compiles only the tests.
    cmake --preset ci -DSITREP_BUILD_TESTS=OFF >/dev/null
    cmake --build --preset ci -j "$jobs" --target sitrep
    exec "$here/build/bin/sitrep" --demo
    ;;
  test)
    cmake --preset ci -DSITREP_BUILD_TESTS=ON >/dev/null
    cmake --build --preset ci -j "$jobs"
    # Tests that start real servers need a private runtime dir; Qt warns without one.
    export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
    chmod 0700 "$XDG_RUNTIME_DIR"
    ctest --preset ci
    # The runbook importer is fuzzed for a bounded minute on every run (clang's libFuzzer).
    "$here/tests/fuzz/runbook/run-fuzz.sh" 60 "$here/build-fuzz"
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
