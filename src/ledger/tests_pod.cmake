# The PoD program tests (written from PROTOCOL.md, independently of the implementation).
pod_test(NAME test_pod_program SOURCES test_pod_program.c LIBS PkgConfig::LMDB Threads::Threads)
pod_test(NAME test_pod_program_channel SOURCES test_pod_program_channel.c LIBS PkgConfig::LMDB Threads::Threads)
pod_test(NAME test_pod_program_broadcast SOURCES test_pod_program_broadcast.c LIBS PkgConfig::LMDB Threads::Threads)
