#!/usr/bin/env bash
# Set up and run every test, browser tests included (Debian's chromium and fonts-noto-cjk are installed
# when missing). Extra arguments go to pytest.
DEBS="chromium fonts-noto-cjk"
EXTRAS="[test]"
source "$(dirname "$0")/venv.sh"
exec .venv/bin/python -m pytest "$@"
