# Quick start on a fresh Debian/Ubuntu machine with Swift:
#   make demo   — installs what is missing, converts the bundled samples and scores the records
#   make test   — installs what is missing, runs the test suite
SWIFT ?= swift
DEB_PACKAGES := libxml2-dev libicu-dev pkg-config libxml2-utils

.PHONY: deps deps-check build demo test bench clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@python3 -c 'import jsonschema' 2>/dev/null || { echo "installing: python3-jsonschema (schema checks in the tests)" >&2; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  pip install -q jsonschema 2>/dev/null || { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-jsonschema; }; }

# `make deps` with stub apt-get/dpkg/sudo/pip first on PATH, as root and as a user: installs nothing.
deps-check:
	scripts/deps-check.sh

build: deps
	$(SWIFT) build

demo: deps
	$(SWIFT) build -c release --product intake
	.build/release/intake convert samples/en samples/es samples/fr samples/pt --out-dir .build/demo-out --jobs 2
	@echo "canonical records written to .build/demo-out/; scoring them:" >&2
	.build/release/intake score .build/demo-out

test: deps
	$(SWIFT) build
	$(SWIFT) test
	$(MAKE) --no-print-directory deps-check

bench: deps
	@dpkg -s time >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y -qq time || true; }  # /usr/bin/time: peak RSS of child processes
	$(SWIFT) build -c release
	.build/release/intake-bench readers
	.build/release/intake-bench convert

clean:
	rm -rf .build

# Fuzzing (Fuzz/README.md): builds the libFuzzer binary once, runs each target FUZZ_SECONDS.
FUZZ_SECONDS ?= 30
.PHONY: fuzz sanitize
fuzz: deps
	Fuzz/run.sh xml $(FUZZ_SECONDS)
	WWC_FUZZ_NO_BUILD=1 Fuzz/run.sh json $(FUZZ_SECONDS)
	WWC_FUZZ_NO_BUILD=1 Fuzz/run.sh value $(FUZZ_SECONDS)
	WWC_FUZZ_NO_BUILD=1 Fuzz/run.sh convert $(FUZZ_SECONDS)

# The test suite under AddressSanitizer and ThreadSanitizer (scripts/sanitizers.sh).
sanitize: deps
	scripts/sanitizers.sh all

