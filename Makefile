# A thin wrapper around CMake + CTest. `make help` lists the targets.
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
DEBUG    ?= build/debug
RELEASE  ?= build/release
MINSIZE  ?= build/minsize
FUZZDIR  ?= build/fuzz
SIZEDIR  ?= build/size
GCCDIR   ?= build/gcc
# The second compiler's pass of `make test`: everything but the CLI scripts, fuzzers and the
# install/size/interop tests (they do not depend on the compiler of the library).
GCC_TESTS ?= ^test_(client|podd|rpc|pubsub|ledger|pod_|hostile|authority|txn|json|borsh|keys|pda|base|hex|sha|blake|keccak|validate|errors|util|accounts|events|ix)
FUZZ_SECONDS ?= 60
PREFIX   ?= /usr/local
CMAKE    ?= cmake

.PHONY: help deps build debug test bench bench-compare size fuzz reliability format install quickstart clean

help:
	@echo "make deps       install the Debian packages the build and tests need (apt-get)"
	@echo "make build      Release build of libpodcom, pod (into $(RELEASE))"
	@echo "make test       Debug build with ASan+UBSan (clang) and run every test, incl. short fuzz runs;"
	@echo "                then the library's tests again built with gcc (ASan+UBSan)"
	@echo "make bench      Release build and run every benchmark"
	@echo "make bench-compare  our SDK vs @solana/web3.js against one podd (needs node, npm, network)"
	@echo "make size       MinSizeRel + Release builds, size report ($(SIZEDIR)/size.json), budget check"
	@echo "make fuzz       long libFuzzer runs (FUZZ_SECONDS=$(FUZZ_SECONDS) per target)"
	@echo "make reliability long crash-recovery and load runs of podd (docs/RELIABILITY.md)"
	@echo "make format     clang-format every C source and header"
	@echo "make install    install headers, libraries, podcom.pc and pod (PREFIX=$(PREFIX))"
	@echo "make quickstart build and run the main job"

deps:
	./scripts/deps.sh

build:
	$(CMAKE) -S . -B $(RELEASE) -DCMAKE_BUILD_TYPE=Release -DPOD_TESTS=OFF
	$(CMAKE) --build $(RELEASE) -j $(JOBS)

debug:
	CC=clang CXX=clang++ $(CMAKE) -S . -B $(DEBUG) -DCMAKE_BUILD_TYPE=Debug -DPOD_FUZZ=ON
	$(CMAKE) --build $(DEBUG) -j $(JOBS)

test: debug
	cd $(DEBUG) && ctest --output-on-failure -j $(JOBS)
	CC=gcc CXX=g++ $(CMAKE) -S . -B $(GCCDIR) -DCMAKE_BUILD_TYPE=Debug -DPOD_BENCH=OFF
	$(CMAKE) --build $(GCCDIR) -j $(JOBS)
	cd $(GCCDIR) && ctest --output-on-failure -j $(JOBS) -R '$(GCC_TESTS)'

bench: build
	$(CMAKE) -S . -B $(RELEASE) -DCMAKE_BUILD_TYPE=Release -DPOD_TESTS=OFF -DPOD_BENCH=ON
	$(CMAKE) --build $(RELEASE) -j $(JOBS) --target benches
	./bench/run.sh $(RELEASE)

bench-compare: build
	./bench/web3_compare/run.sh $(RELEASE)

# Unstripped trees (POD_STRIP=OFF): scripts/size.sh strips copies and lists the largest symbols.
size:
	CC=cc $(CMAKE) -S . -B $(SIZEDIR)/minsize -DCMAKE_BUILD_TYPE=MinSizeRel -DPOD_TESTS=OFF -DPOD_BENCH=OFF -DPOD_STRIP=OFF
	$(CMAKE) --build $(SIZEDIR)/minsize -j $(JOBS)
	CC=cc $(CMAKE) -S . -B $(SIZEDIR)/release -DCMAKE_BUILD_TYPE=Release -DPOD_TESTS=OFF -DPOD_BENCH=OFF -DPOD_STRIP=OFF
	$(CMAKE) --build $(SIZEDIR)/release -j $(JOBS)
	./scripts/size.sh --json $(SIZEDIR)/size.json --budget size-budget.txt $(SIZEDIR)/minsize $(SIZEDIR)/release

fuzz:
	CC=clang CXX=clang++ $(CMAKE) -S . -B $(FUZZDIR) -DCMAKE_BUILD_TYPE=Debug -DPOD_FUZZ=ON -DPOD_TESTS=OFF
	$(CMAKE) --build $(FUZZDIR) -j $(JOBS) --target fuzzers
	./fuzz/run.sh $(FUZZDIR) $(FUZZ_SECONDS)

# docs/RELIABILITY.md: podd killed with SIGKILL under load (CRASH_CYCLES), 64 clients for
# LOAD_SECONDS, the secrets test; in the Debug (ASan+UBSan) build.
CRASH_CYCLES ?= 100
LOAD_SECONDS ?= 120
reliability: debug
	$(DEBUG)/test/reliability/test_podd_crash $(DEBUG)/src/podd/podd $(CRASH_CYCLES) 3000
	$(DEBUG)/test/reliability/test_podd_load $(DEBUG)/src/podd/podd $(LOAD_SECONDS)
	$(DEBUG)/test/reliability/test_secrets $(DEBUG)/src/cli/pod $(DEBUG)/src/podd/podd

format:
	find include src bench fuzz -name '*.[ch]' -print0 | xargs -0 clang-format -i

install: build
	$(CMAKE) --install $(RELEASE) --prefix $(PREFIX)

quickstart: build
	./scripts/quickstart.sh ./$(RELEASE)/src/cli/pod

clean:
	rm -rf build
