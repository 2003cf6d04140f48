# Sourced by run.sh and test.sh: make sure Debian's packages named in $DEBS are there, then a .venv with
# the project installed (extras in $EXTRAS).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python3 -c "import ensurepip" 2>/dev/null || DEBS="${DEBS:-} python3-venv"
missing=()
for deb in ${DEBS:-}; do
  dpkg -s "$deb" >/dev/null 2>&1 || missing+=("$deb")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${EXTRAS:-}"
