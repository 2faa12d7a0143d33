#!/usr/bin/env bash
# Installs, idempotently, what the end-to-end browser test of `report-search serve` needs:
# Debian's chromium, chromium-driver and python3-selenium (for /usr/bin/python3), and
# fonts-noto-cjk so Chinese renders in screenshots. Kept out of setup.sh: these are a few
# hundred MB, and only scripts/test-browser.sh uses them. Fast when nothing is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
/usr/bin/python3 -c 'import selenium' >/dev/null 2>&1 || missing+=(python3-selenium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-browser: chromium, chromedriver and selenium present"
  exit 0
fi
. "$(dirname "$0")/lib/apt-install.sh"
apt_install setup-browser "${missing[@]}"
