#!/usr/bin/env bash
# Runs the C boundary's tests (the Xapian wrapper, the tokenizer, the title boost's
# posting source in the shim) under AddressSanitizer, in its own build folder so the
# normal build is not invalidated.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "asan: building and running XapianWrapperTests, TokenizerTests and TitleBoostTests with -sanitize=address"
# Leak detection is off: LeakSanitizer reports allocations inside the toolchain's own
# XCTest runner and Foundation.Process (seen with Swift 6.3.1), which are not ours;
# heap overflows and use-after-free are still caught.
ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --scratch-path .build-asan \
  --filter 'XapianWrapperTests|TokenizerTests|TitleBoostTests'
