# Channel Desk. `make run` opens the app; `make test` runs every test. Both install what they
# need on Debian or Ubuntu first (apt with sudo when not root, npm packages, tauri-driver).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

BUILD_PACKAGES := build-essential curl wget file pkg-config libssl-dev libdbus-1-dev \
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
TEST_PACKAGES := xvfb webkit2gtk-driver gnome-keyring dbus-x11 libsecret-tools xclip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TAURI := ../ui/node_modules/.bin/tauri
APP := target/release/channel-desk

# Installs with apt those of the packages $(1) that are missing.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing with apt: $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

.PHONY: run test tools deps test-deps app lint bindings bindings-check core-test contract ui-test e2e screenshot bench

run: deps app
	./$(APP)

test: deps test-deps app lint bindings-check core-test contract ui-test e2e

tools:
	@command -v cargo >/dev/null || { echo "Rust is needed: install it with rustup (https://rustup.rs), then run make again." >&2; exit 1; }
	@command -v npm >/dev/null || { echo "Node.js 20 or newer with npm is needed." >&2; exit 1; }
	$(call apt_install,$(BUILD_PACKAGES))

# What building and running the app needs.
deps: tools ui/node_modules/.package-lock.json

# What only the tests need: a display, WebKitWebDriver, a keyring, Prism, axe-core and tauri-driver.
test-deps: tools tests/contract/node_modules/.package-lock.json tests/e2e/node_modules/.package-lock.json
	$(call apt_install,$(TEST_PACKAGES))
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

# Not `npm ci`: the registry here lacks the Tauri CLI's binaries for other platforms, so the
# lock file cannot list them and `npm ci` refuses it. `--no-save` installs from the lock as it is.
ui/node_modules/.package-lock.json: ui/package-lock.json
	npm install --prefix ui --no-save --no-audit --no-fund

tests/contract/node_modules/.package-lock.json: tests/contract/package-lock.json
	npm install --prefix tests/contract --no-save --no-audit --no-fund

tests/e2e/node_modules/.package-lock.json: tests/e2e/package-lock.json
	npm install --prefix tests/e2e --no-save --no-audit --no-fund

# The release build, with the UI embedded; `tauri build` also builds the UI first.
app:
	cd src-tauri && $(TAURI) build --no-bundle

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	npm --prefix ui run check
	npm --prefix ui run lint

# Rewrites the TypeScript bindings from the Rust types.
bindings:
	cargo test -p channel-desk-core --lib export_bindings

bindings-check:
	@out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; mkdir "$$out/ts" "$$out/schema"; \
	TS_RS_EXPORT_DIR=$$out/ts BUNDLE_SCHEMA_DIR=$$out/schema cargo test -q -p channel-desk-core --lib export_bindings >/dev/null; \
	diff -r "$$out/ts" ui/src/lib/bindings || { echo "ui/src/lib/bindings is stale: run 'make bindings' and commit the result." >&2; exit 1; }; \
	diff "$$out/schema/bundle.schema.json" docs/bundle.schema.json || { echo "docs/bundle.schema.json is stale: run 'make bindings' and commit the result." >&2; exit 1; }

core-test:
	tests/with-keyring.sh cargo test -p channel-desk-core -p channel-desk-cli -p fake-twilio

# Every request the Twilio client sends, against Prism serving Twilio's specs from ../shared/twilio-oai.
contract: tests/contract/node_modules/.package-lock.json
	cargo test -p channel-desk-contract

ui-test:
	npm --prefix ui test

e2e:
	cargo test -p channel-desk-e2e --no-run
	xvfb-run -a tests/with-keyring.sh cargo test -p channel-desk-e2e

# Refreshes the README's screenshots from the end-to-end tests'.
screenshot: e2e
	cp target/e2e/wizard.png docs/wizard.png
	cp target/e2e/templates.png target/e2e/template-editor.png docs/
	cp target/e2e/wizard-de.png docs/wizard-de.png
	cp target/e2e/workstream.png docs/workstream.png
	cp target/e2e/setup-summary.png docs/setup-summary.png

# Not part of `make test`. Each benchmark prints a ratio against a baseline measured in the same
# run: the template linter, template search (FTS5 against a LIKE scan over 10,000 templates), and
# the accounts list opened with 1,000 accounts against 10 in the real window.
bench: deps test-deps app
	cargo bench -p channel-desk-core --bench lint
	cargo bench -p channel-desk-core --bench search
	cargo bench -p channel-desk-core --bench sync
	cargo bench -p channel-desk-core --bench import
	cargo bench -p channel-desk-e2e --bench accounts_list --no-run
	xvfb-run -a tests/with-keyring.sh cargo bench -p channel-desk-e2e --bench accounts_list
