#!/usr/bin/env bash
# The test command: sets up dependencies, builds, runs every test, then the Xapian
# wrapper's tests again under AddressSanitizer. Non-zero on any failure.
# Set SKIP_ASAN=1 to leave out the sanitizer pass in a quick local loop, SKIP_BROWSER=1
# the end-to-end browser test of `report-search serve` (scripts/test-browser.sh).
# It also builds release and tests installing the tool (scripts/test-packaging.sh:
# install.sh into a temporary PREFIX, the .deb through apt-get; about 2-4 minutes, needs
# root or sudo); SKIP_PACKAGING=1 leaves that out.
# Tesseract (tesseract-ocr, tesseract-ocr-chi-sim, ~17 MB) is installed too, so that
# `index --ocr` is tested on the scanned fixture; users get it only when they ask.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --ocr
echo "test: building (debug, with tests)"
swift build --build-tests
echo "test: running the test suites"
swift test --skip-build

if [ "${SKIP_BROWSER:-0}" != "1" ]; then
  echo "test: end-to-end browser test of report-search serve"
  scripts/test-browser.sh
fi

if [ "${SKIP_PACKAGING:-0}" != "1" ]; then
  echo "test: installing the tool (install.sh, the Debian package)"
  scripts/test-packaging.sh
fi

if [ "${SKIP_ASAN:-0}" != "1" ]; then
  scripts/asan.sh
fi
