#!/usr/bin/env bash
# Runs the C boundary's tests (the Xapian wrapper and the tokenizer) under
# AddressSanitizer, in its own build folder so the normal build is not invalidated.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "asan: building and running XapianWrapperTests and TokenizerTests with -sanitize=address"
swift test --sanitize=address --scratch-path .build-asan \
  --filter 'XapianWrapperTests|TokenizerTests'
