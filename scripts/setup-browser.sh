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
echo "setup-browser: installing ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: no apt-get here; install ${missing[*]} by hand" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup-browser: need root to install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup-browser: done"
