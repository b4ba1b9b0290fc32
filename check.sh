#!/usr/bin/env bash
# Everything to run before pushing: format, lints, and the tests with and without the window.
set -euo pipefail
cd "$(dirname "$0")"
cargo fmt --check
cargo clippy --locked --all-targets --all-features -- -D warnings
cargo test --locked
cargo test --locked --no-default-features
