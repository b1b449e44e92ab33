# The Red Line Annotator: `make serve` runs the app, `make test` runs every test tier.
# Every setup step installs only what is missing, so both are quick once a machine is set up.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

TRUNK_VERSION := 0.21.14
# The wasm-bindgen CLI must equal the library version locked in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)

.PHONY: serve sync-server test setup-build setup-test build release lint test-native test-browser test-e2e fuzz bench clean

serve: setup-build
	trunk serve --offline

# The team sync server (@y/websocket-server, pinned in package.json): it stores and relays the
# rooms' Yjs updates, in LevelDB under SYNC_DATA. On 127.0.0.1 only; see the README before
# offering it to others.
SYNC_PORT ?= 1234
SYNC_DATA ?= sync-data
sync-server: setup-build
	HOST=127.0.0.1 PORT=$(SYNC_PORT) YPERSISTENCE=$(SYNC_DATA) node node_modules/@y/websocket-server/src/server.js

test: setup-test lint test-native test-browser release test-e2e

setup-build:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" || cargo install trunk --version $(TRUNK_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@[ -x node_modules/.bin/wasm-opt ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

setup-test: setup-build
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; fi

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --tests -- -D warnings
	cargo clippy -p redline-sync -p redline-files --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --workspace

test-browser:
	cargo test --target wasm32-unknown-unknown --test browser

# The release, and the same built for a host that serves it under a sub-path (the e2e tier
# checks both).
release:
	trunk build --release --offline
	trunk build --release --offline --public-url /annotator/ --dist dist-subpath

test-e2e:
	node --test --test-concurrency=1 e2e/

# The benchmark: a release build against a static page and the recogito peer, in Chromium.
bench: setup-test release
	node bench/run.mjs

clean:
	cargo clean
	rm -rf dist dist-subpath e2e/output

# Fuzzing (libFuzzer through cargo-fuzz) of every decoder in the core, FUZZ_SECONDS per target,
# seeded with the golden fixtures. Sanitizer builds need nightly flags; RUSTC_BOOTSTRAP allows
# them on the stable toolchain.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := storage w3c_import anchoring
fuzz:
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
	@for target in $(FUZZ_TARGETS); do mkdir -p crates/redline-core/fuzz/corpus/$$target; done
	cp crates/redline-core/tests/fixtures/storage-v1-*.json crates/redline-core/fuzz/corpus/storage/
	cp crates/redline-core/tests/fixtures/export.w3c.json crates/redline-core/fuzz/corpus/w3c_import/
	cd crates/redline-core && for target in $(FUZZ_TARGETS); do \
		log=/tmp/redline-fuzz-$$target.log; \
		RUSTC_BOOTSTRAP=1 cargo fuzz run $$target -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 >$$log 2>&1 \
			|| { tail -n 40 $$log; exit 1; }; \
		echo "$$target: $$(grep -E '^Done [0-9]+ runs' $$log)"; done
