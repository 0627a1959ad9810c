# Quick start on a fresh Debian/Ubuntu machine with Swift:
#   make demo   — installs what is missing, converts the bundled samples and scores the records
#   make test   — installs what is missing, runs the test suite
SWIFT ?= swift
DEB_PACKAGES := libxml2-dev libicu-dev libssl-dev pkg-config libxml2-utils libsqlite3-dev curl

.PHONY: deps deps-check build release demo test bench clean

# Every release build (demo, bench, the installed programs) gets these flags, dependencies
# included. A concrete generic type (a dictionary of some key, ArgumentParser's Option<Int>)
# then takes its metadata from an accessor the compiler writes, instead of a look-up by mangled
# name at run time that demangles the name and, to check the generic requirements, scans every
# protocol conformance in the program the first time the type is used. Same code, same results;
# start-up is cheaper (ArgumentParser's reflection of the command line, the catalogs' first
# dictionaries).
RELEASE_FLAGS := -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors

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

release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS)

demo: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product intake
	.build/release/intake convert samples/en samples/es samples/fr samples/pt --out-dir .build/demo-out --jobs 2
	@echo "canonical records written to .build/demo-out/; scoring them:" >&2
	.build/release/intake score .build/demo-out

test: deps
	$(SWIFT) build
	$(SWIFT) test
	$(MAKE) --no-print-directory deps-check
	$(MAKE) --no-print-directory install-check
	$(MAKE) --no-print-directory api-check
	$(MAKE) --no-print-directory load-check
	$(MAKE) --no-print-directory browser-check
	$(MAKE) --no-print-directory fuzz-smoke

bench: deps
	@dpkg -s time >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y -qq time || true; }  # /usr/bin/time: peak RSS of child processes
	$(SWIFT) build -c release $(RELEASE_FLAGS)
	.build/release/intake-bench readers
	.build/release/intake-bench convert

clean:
	rm -rf .build

# Fuzzing (Fuzz/README.md): builds the libFuzzer binary once, runs each target FUZZ_SECONDS.
FUZZ_SECONDS ?= 30
.PHONY: fuzz fuzz-smoke sanitize
fuzz: deps
	Fuzz/run.sh xml $(FUZZ_SECONDS)
	WWC_FUZZ_NO_BUILD=1 Fuzz/run.sh json $(FUZZ_SECONDS)
	WWC_FUZZ_NO_BUILD=1 Fuzz/run.sh value $(FUZZ_SECONDS)
	WWC_FUZZ_NO_BUILD=1 Fuzz/run.sh convert $(FUZZ_SECONDS)

# Run by `make test` (CI): builds the fuzzer and runs each target briefly from the committed
# corpus (samples, seeds, regression inputs); any crash, leak, hang or broken invariant fails.
FUZZ_SMOKE_SECONDS ?= 15
fuzz-smoke:
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

# The test suite under AddressSanitizer and ThreadSanitizer (scripts/sanitizers.sh).
sanitize: deps
	scripts/sanitizers.sh all

# Installing (README "Install"): `make install [PREFIX=/usr/local] [DESTDIR=]`, `make uninstall`,
# `make deb`. Build as yourself (`make dist`), install as root if the prefix needs it: install
# only copies what `dist` staged in .build/stage. The program links the Swift runtime
# statically, so it needs only libxml2, ICU and libcrypto at run time; it is built in its own folder
# because switching --static-swift-stdlib in .build rebuilds everything there.
PREFIX ?= /usr/local
DESTDIR ?=
VERSION := $(shell sed -n 's/^ *static let string = "\(.*\)"$$/\1/p' Sources/intake/Intake.swift)
STAGE := .build/stage
DATA_DIR = $(DESTDIR)$(PREFIX)/share/wwc-intake
INSTALLED = $(DESTDIR)$(PREFIX)/bin/intake $(DESTDIR)$(PREFIX)/bin/intake-server \
	$(DESTDIR)$(PREFIX)/share/man/man1/intake.1 \
	$(DESTDIR)$(PREFIX)/share/bash-completion/completions/intake \
	$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_intake \
	$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/intake.fish \
	$(DESTDIR)$(PREFIX)/share/doc/wwc-intake/README.md
.PHONY: dist install uninstall deb install-check

dist: $(STAGE)/.done
$(STAGE)/.done: Package.swift $(shell find Sources -type f)
	@$(MAKE) --no-print-directory deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --static-swift-stdlib --product intake --scratch-path .build/static
	$(SWIFT) build -c release $(RELEASE_FLAGS) --static-swift-stdlib --product intake-server --scratch-path .build/static
	@# The manual from the debug build `make build`/`make test` already made (same help text).
	$(SWIFT) package plugin generate-manual --configuration debug \
	  --date $$(git log -1 --format=%cs 2>/dev/null || date +%F) --authors 'What Works Cities'
	rm -rf $(STAGE) && mkdir -p $(STAGE)/bin $(STAGE)/completions
	strip -o $(STAGE)/bin/intake .build/static/release/intake
	strip -o $(STAGE)/bin/intake-server .build/static/release/intake-server
	cp .build/plugins/GenerateManual/outputs/intake/intake.1 $(STAGE)/intake.1
	$(STAGE)/bin/intake --generate-completion-script bash > $(STAGE)/completions/intake.bash
	$(STAGE)/bin/intake --generate-completion-script zsh > $(STAGE)/completions/_intake
	$(STAGE)/bin/intake --generate-completion-script fish > $(STAGE)/completions/intake.fish
	touch $@

install: $(STAGE)/.done
	install -d $(DESTDIR)$(PREFIX)/bin $(DATA_DIR)/locales $(DATA_DIR)/rubrics \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc/wwc-intake \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(STAGE)/bin/intake $(STAGE)/bin/intake-server $(DESTDIR)$(PREFIX)/bin/
	install -m 644 locales/* $(DATA_DIR)/locales/
	install -m 644 rubrics/* $(DATA_DIR)/rubrics/
	find web -type d -exec install -d $(DATA_DIR)/{} \;
	find web -type f -exec install -m 644 {} $(DATA_DIR)/{} \;
	install -m 644 openapi.yaml $(DATA_DIR)/openapi.yaml
	install -m 644 $(STAGE)/intake.1 $(DESTDIR)$(PREFIX)/share/man/man1/intake.1
	install -m 644 $(STAGE)/completions/intake.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/intake
	install -m 644 $(STAGE)/completions/_intake $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_intake
	install -m 644 $(STAGE)/completions/intake.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/intake.fish
	install -m 644 README.md $(DESTDIR)$(PREFIX)/share/doc/wwc-intake/README.md

uninstall:
	rm -f $(INSTALLED)
	rm -rf $(DATA_DIR)
	-rmdir $(DESTDIR)$(PREFIX)/share/doc/wwc-intake 2>/dev/null

# A Debian package of the same files under /usr: `apt install ./wwc-intake_*.deb`.
DEB_ARCH = $(shell dpkg --print-architecture)
DEB_ICU = $(shell dpkg-query -W -f='$${Package}\n' 'libicu[0-9]*' 2>/dev/null | grep -x 'libicu[0-9]*' | head -1)
# libcrypto's package: libssl3 (Debian 12), libssl3t64 (Debian 13, 64-bit time_t).
DEB_SSL = $(shell dpkg-query -W -f='$${Package}\n' 'libssl3*' 2>/dev/null | grep -xE 'libssl3(t64)?' | head -1)
DEB_ROOT := .build/deb/root
DEB_MAINTAINER ?= $(or $(shell git log -1 --format='%an <%ae>' 2>/dev/null),wwc-intake maintainers <maintainers@example.invalid>)
deb: $(STAGE)/.done
	rm -rf $(DEB_ROOT) wwc-intake_*.deb
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(DEB_ROOT) PREFIX=/usr
	gzip -9n $(DEB_ROOT)/usr/share/man/man1/intake.1
	mkdir -p $(DEB_ROOT)/DEBIAN
	printf '%s\n' 'Package: wwc-intake' 'Version: $(VERSION)' 'Architecture: $(DEB_ARCH)' \
	  'Maintainer: $(DEB_MAINTAINER)' \
	  'Depends: libc6, libgcc-s1, libstdc++6, libxml2, $(or $(DEB_ICU),libicu72), $(or $(DEB_SSL),libssl3), libsqlite3-0' \
	  'Section: utils' 'Priority: optional' 'Installed-Size: '"$$(du -sk $(DEB_ROOT)/usr | cut -f1)" \
	  'Description: What Works Cities certification intake (intake command and server)' \
	  ' Turns certification applications (XML or JSON; English, Spanish, Portuguese, French)' \
	  ' into canonical, scorable records, and scores them; `intake serve` keeps them in a' \
	  ' register with an HTTP API and review pages. Catalogs, rubric and page templates are' \
	  ' installed in /usr/share/wwc-intake.' > $(DEB_ROOT)/DEBIAN/control
	dpkg-deb --root-owner-group -Zzstd --build $(DEB_ROOT) wwc-intake_$(VERSION)_$(DEB_ARCH).deb

# CI (make test): install into a temporary prefix, run it from / with an empty environment,
# check completions, man page, uninstall and the .deb (scripts/install-check.sh).
install-check:
	scripts/install-check.sh

# The register and its HTTP API (issue 18). api-check: openapi.yaml is valid OpenAPI 3.1 and
# schemathesis finds no 5xx or undocumented response on a live server. load-check: 8 clients x
# 200 submissions lose nothing, nor does a SIGKILL mid-load (also on PostgreSQL when
# WWC_TEST_POSTGRES_URL is set, as .ci/run does). serve: the API on the embedded SQLite register.
.PHONY: api-check load-check serve
api-check: deps
	scripts/api-check.sh
load-check: deps
	scripts/load-check.py
	@if [ -n "$$WWC_TEST_POSTGRES_URL" ]; then scripts/load-check.py --postgres "$$WWC_TEST_POSTGRES_URL"; fi
serve: deps
	$(SWIFT) build --product intake-server
	.build/debug/intake-server serve

# The review pages in a real browser (issue 19): Debian's chromium + chromium-driver driven by
# Selenium (scripts/browser-check.py); screenshots: docs/list.png and docs/detail.png anew.
.PHONY: browser-check screenshots
browser-check: deps
	scripts/browser-deps.sh
	$(SWIFT) build --product intake-server
	scripts/browser-check.py
screenshots: deps
	scripts/browser-deps.sh
	$(SWIFT) build --product intake-server
	scripts/browser-check.py --screenshots docs
