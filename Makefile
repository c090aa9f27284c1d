# Thin wrapper over CMake presets. `make run` and `make test` install what they need first.
.PHONY: all bootstrap browser-deps build debug run test test-debug test-release bench format tidy clean

JOBS ?= $(shell nproc)
LISTEN ?= 127.0.0.1:8080
DATA ?= data
ADMIN_TOKEN ?= demo-admin-token

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	cmake --preset release
	cmake --build --preset release --target petitio -j $(JOBS)

debug: bootstrap
	cmake --preset debug
	cmake --build --preset debug -j $(JOBS)

# Serves the site with demo data on the embedded SQLite store.
run: build
	@echo "Petitio at http://$(LISTEN)  (demo staff: admin@, moderator@, officer@, ngo@demo.example; password petitio-demo-password)"
	build/release/petitio serve --listen $(LISTEN) --data $(DATA) --demo --admin-token $(ADMIN_TOKEN)

# Every test under ASan+UBSan, then the functional tests against the release binary.
test: test-debug test-release

test-debug: debug browser-deps
	ctest --preset debug -j $(JOBS)

# The browser tests' npm packages (playwright-core, axe-core), exactly as the lock file pins
# them; skipped while node_modules is newer than the lock file.
browser-deps: bootstrap
	@if [ ! tests/browser/node_modules/.package-lock.json -nt tests/browser/package-lock.json ]; then \
	  cd tests/browser && npm ci --no-audit --no-fund; \
	fi

# The functional tests again on the release binary, on SQLite and then on PostgreSQL (the tests
# named postgres.*: the cluster fixture, the functional tests and the two-server test).
test-release: build
	cmake --build --preset release --target functional_test scale_out_test -j $(JOBS)
	ctest --preset release -L functional -j $(JOBS)
	ctest --preset release -R '^postgres\.' -j $(JOBS)

# The surge benchmark (bench/, docs/performance.md) on the release build, each run beside its
# baselines measured in the same run: 60 s of e-mail signers and 60 s of identity-provider
# signers, with 1,000 watchers on the live count and 256 pollers reading the count and the
# petition at 5,000 reads a second; the same for 60 s on a store that already holds 5,000,000
# signatures (stored first, about 8 minutes); 30 s of identity-provider signers paced at the
# target's 10,000 a second on 1,000 connections, for the latency at that rate; 30 s of readers
# as fast as they are answered while identity-provider signing goes on at 2,000 a second, for the
# reads target; 30 s of signers through the web pages; then 20 rounds of SIGKILL in the middle
# of signing, and the verdict on the targets (about 35 minutes in all). The provider signs RS256,
# the algorithm OpenID Connect has every provider offer (a 60 s run's 840,000 tokens take about
# two minutes to sign before the surge). Both cores are one budget: with the pollers as fast as
# answered beside signers at saturation, neither the signing nor the reading targets can be met
# at once on two cores (docs/performance.md gives those figures too).
bench: build
	cmake --build --preset release --target petitio_surge -j $(JOBS)
	build/release/bench/petitio_surge --pollers 256 --poll-rate 5000 --seconds 60 \
	  --out build/release/bench/surge-email.json
	build/release/bench/petitio_surge --mode idp --idp-key rsa --connections 1000 \
	  --pollers 256 --poll-rate 5000 --seconds 60 --out build/release/bench/surge-idp.json
	build/release/bench/petitio_surge --preload 5000000 --mode idp --idp-key rsa --connections 1000 \
	  --pollers 256 --poll-rate 5000 --seconds 60 --out build/release/bench/surge-idp-stored.json
	build/release/bench/petitio_surge --mode idp --idp-key rsa --rate 10000 --connections 1000 \
	  --pollers 256 --poll-rate 5000 --seconds 30 --out build/release/bench/surge-idp-paced.json
	build/release/bench/petitio_surge --mode idp --idp-key rsa --rate 2000 --pollers 256 \
	  --seconds 30 --out build/release/bench/surge-reads.json
	build/release/bench/petitio_surge --mode pages --pollers 256 --poll-rate 5000 --seconds 30 \
	  --out build/release/bench/surge-pages.json
	build/release/bench/petitio_surge --crash-rounds 20
	build/release/bench/petitio_surge --targets build/release/bench/surge-email.json \
	  build/release/bench/surge-idp.json build/release/bench/surge-idp-paced.json \
	  build/release/bench/surge-reads.json build/release/bench/surge-idp-stored.json

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

tidy: debug
	run-clang-tidy -quiet -p build/debug -extra-arg=-Wno-unknown-warning-option \
	  $$(git ls-files 'src/*.cc')

clean:
	rm -rf build
