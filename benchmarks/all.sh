#!/usr/bin/env bash
# Every benchmark, one after the other, from a fresh clone: sets up .venv (with Debian's Chromium and fonts)
# as the tests do, then runs each script with its defaults. Each generates its data in a temporary folder.
DEBS="chromium fonts-noto-cjk fonts-wqy-zenhei"
EXTRAS="[test]"
source "$(dirname "$0")/../scripts/venv.sh"
for bench in queries press_kit import browser click_profile load export_memory; do
  echo "== benchmarks/$bench.py"
  .venv/bin/python "benchmarks/$bench.py"
  echo
done
