#!/usr/bin/env bash
# Set up and run every test, browser tests included (Debian packages for the browser, the fonts and
# pdffonts are installed when missing). Extra arguments go to pytest.
DEBS="chromium fonts-noto-cjk fonts-wqy-zenhei poppler-utils"
EXTRAS="[test]"
source "$(dirname "$0")/venv.sh"
exec .venv/bin/python -m pytest "$@"
