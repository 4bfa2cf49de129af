/* For tests that need a real podd: start it on a fresh ledger directory with --rpc-port 0 and read
 * the port it bound from its ready line ("podd ready rpc=http://127.0.0.1:PORT ..."). */
#ifndef POD_TEST_PODD_SPAWN_H
#define POD_TEST_PODD_SPAWN_H

#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t podd_spawn_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Returns podd's pid and sets *port (and *ws_port, may be NULL: the PubSub port), or -1 (podd
 * killed) if no ready line came within 20 s. extra (may be NULL): more podd arguments, NULL-
 * terminated (at most 16). The caller stops it with kill(pid, SIGTERM) + waitpid. */
static inline pid_t podd_spawn_ex(const char *bin, const char *dir, const char *const *extra,
                                  uint16_t *port, uint16_t *ws_port) {
  int pfd[2];
  if (pipe(pfd) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pfd[1], 1);
    close(pfd[0]);
    close(pfd[1]);
    const char *av[24] = {bin, "--ledger", dir, "--rpc-port", "0", "-q"};
    for (int i = 0; extra && extra[i] && i < 16; i++)
      av[6 + i] = extra[i];
    execv(bin, (char *const *)av);
    _exit(127);
  }
  close(pfd[1]);
  char line[512];
  size_t n = 0;
  uint64_t until = podd_spawn_now_ms() + 20000;
  while (n < sizeof line - 1 && podd_spawn_now_ms() < until) {
    struct pollfd p = {pfd[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    ssize_t r = read(pfd[0], line + n, 1);
    if (r <= 0) break;
    if (line[n++] == '\n') break;
  }
  line[n] = 0;
  close(pfd[0]);
  unsigned hp = 0;
  const char *a = strstr(line, "rpc=http://127.0.0.1:");
  if (!a || sscanf(a, "rpc=http://127.0.0.1:%u", &hp) != 1) {
    fprintf(stderr, "no ready line from podd: '%s'\n", line);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
  }
  *port = (uint16_t)hp;
  unsigned wp = 0;
  const char *b = strstr(line, "ws=ws://127.0.0.1:");
  if (ws_port) *ws_port = b && sscanf(b, "ws=ws://127.0.0.1:%u", &wp) == 1 ? (uint16_t)wp : 0;
  return pid;
}

static inline pid_t podd_spawn(const char *bin, const char *dir, uint16_t *port) {
  return podd_spawn_ex(bin, dir, NULL, port, NULL);
}

#endif
