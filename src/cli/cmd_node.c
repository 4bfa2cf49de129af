/* pod node start|stop|status: podd in the background on a ledger directory.
 * The ledger directory holds podd.pid ("PID URL\n") while it runs, and podd.log (its output). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

const char pod_cli_help_node[] =
    "  pod node start [--ledger DIR] [--rpc-port N] [--bind ADDR]\n"
    "  pod node stop [--ledger DIR]\n"
    "  pod node status [--ledger DIR]\n"
    "\n"
    "start runs podd in the background on DIR (default: the directory of an embedded: --url,\n"
    "else the default ledger, ~/.local/share/pod/ledger), waits until it listens, and prints\n"
    "its RPC URL. It writes DIR/podd.pid and appends podd's output to DIR/podd.log. podd is\n"
    "$POD_PODD if set, else the podd next to the pod binary, else podd in PATH. --rpc-port 0\n"
    "picks a free port (default 8899). While it runs, commands whose --url is embedded:DIR use\n"
    "its RPC URL instead (the ledger is open in podd).\n"
    "stop sends SIGTERM and waits for podd to exit (up to 15 s). status says whether it runs\n"
    "(and its pid, URL and current slot). Exit 3 when start or stop fails.\n"
    "\n"
    "output:\n"
    "  start   rpc: <url>\\npid: <n>\\nledger: <dir>   (-q: the URL)\n"
    "          --json {\"rpc\":..,\"pid\":n,\"ledger\":..,\"log\":..}\n"
    "  stop    stopped: <pid>   --json {\"stopped\":true,\"pid\":n,\"ledger\":..}\n"
    "  status  running: yes|no, pid, rpc, slot   (-q: running or stopped)\n"
    "          --json {\"running\":bool,\"ledger\":..,\"pid\":n,\"rpc\":..,\"slot\":n}\n";

#define READY_TIMEOUT_MS 15000
#define STOP_TIMEOUT_MS 15000

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* 1 if pid is alive (and not a zombie). */
static int alive(pid_t pid) {
  if (kill(pid, 0) != 0 && errno == ESRCH) return 0;
  char path[64], buf[256];
  snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
  FILE *f = fopen(path, "r");
  if (!f) return 1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  const char *p = strrchr(buf, ')');
  return !(p && p[1] == ' ' && p[2] == 'Z');
}

/* Reads DIR/podd.pid. 0 if it names a live process, -1 otherwise. */
static int read_pidfile(const char *dir, pid_t *pid, char *url, size_t url_sz) {
  char path[POD_CLI_PATH_SZ + 16];
  snprintf(path, sizeof path, "%s/podd.pid", dir);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  long p = 0;
  char u[512];
  int ok = fscanf(f, "%ld %511s", &p, u) == 2 && p > 0 && p <= INT_MAX && strlen(u) < url_sz;
  fclose(f);
  if (!ok || !alive((pid_t)p)) return -1;
  *pid = (pid_t)p;
  memcpy(url, u, strlen(u) + 1);
  return 0;
}

static int find_podd(char *out, size_t sz) {
  const char *env = getenv("POD_PODD");
  if (env && *env) {
    if (access(env, X_OK) != 0) return -1;
    snprintf(out, sz, "%s", env);
    return 0;
  }
  char self[POD_CLI_PATH_SZ];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (slash) {
      *slash = '\0';
      if (snprintf(out, sz, "%s/podd", self) < (int)sz && access(out, X_OK) == 0) return 0;
    }
  }
  const char *path = getenv("PATH");
  while (path && *path) {
    const char *e = strchr(path, ':');
    size_t len = e ? (size_t)(e - path) : strlen(path);
    if (len && snprintf(out, sz, "%.*s/podd", (int)len, path) < (int)sz && access(out, X_OK) == 0)
      return 0;
    if (!e) break;
    path = e + 1;
  }
  return -1;
}

static int node_start(const pod_cli_opts_t *o, const char *dir, const char *port,
                      const char *bind) {
  pid_t pid;
  char url[512];
  if (read_pidfile(dir, &pid, url, sizeof url) == 0)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "podd already runs on %s (pid %ld, %s); stop it with `pod node stop "
                        "--ledger %s`",
                        dir, (long)pid, url, dir);
  char podd[POD_CLI_PATH_SZ];
  if (find_podd(podd, sizeof podd))
    return pod_cli_fail(POD_EXIT_ERROR,
                        "cannot find podd (not next to pod, not in PATH); build it, or set "
                        "POD_PODD=/path/to/podd");
  if (pod_cli_mkdirs(dir, 1))
    return pod_cli_fail(POD_EXIT_ERROR, "cannot create %s: %s", dir, strerror(errno));
  char logpath[POD_CLI_PATH_SZ + 16];
  snprintf(logpath, sizeof logpath, "%s/podd.log", dir);
  int logfd = open(logpath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (logfd < 0)
    return pod_cli_fail(POD_EXIT_ERROR, "cannot open %s: %s", logpath, strerror(errno));
  int fds[2];
  if (pipe(fds) != 0) {
    close(logfd);
    return pod_cli_fail(POD_EXIT_ERROR, "pipe: %s", strerror(errno));
  }
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  char readyfd[16];
  snprintf(readyfd, sizeof readyfd, "%d", fds[1]);
  fflush(NULL);
  pid = fork();
  if (pid < 0) {
    int e = errno;
    close(fds[0]);
    close(fds[1]);
    close(logfd);
    return pod_cli_fail(POD_EXIT_ERROR, "fork: %s", strerror(e));
  }
  if (pid == 0) {
    setsid();
    int nul = open("/dev/null", O_RDONLY);
    if (nul >= 0) dup2(nul, 0);
    dup2(logfd, 1);
    dup2(logfd, 2);
    char *args[] = {podd,     "--ledger",   (char *)dir,  "--rpc-port", (char *)port,
                    "--bind", (char *)bind, "--ready-fd", readyfd,      NULL};
    execv(podd, args);
    dprintf(2, "pod node start: cannot run %s: %s\n", podd, strerror(errno));
    _exit(127);
  }
  close(fds[1]);
  close(logfd);
  /* Wait for the ready line. */
  char line[1024];
  size_t n = 0;
  int waited = 0, ready = 0;
  while (waited < READY_TIMEOUT_MS && n < sizeof line - 1) {
    struct pollfd pf = {fds[0], POLLIN, 0};
    int pr = poll(&pf, 1, 100);
    if (pr < 0 && errno != EINTR) break;
    if (pr <= 0) {
      waited += 100;
      continue;
    }
    ssize_t k = read(fds[0], line + n, sizeof line - 1 - n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    n += (size_t)k;
    line[n] = '\0';
    if (strchr(line, '\n')) {
      ready = 1;
      break;
    }
  }
  close(fds[0]);
  line[n] = '\0';
  const char *rpc = ready ? strstr(line, "rpc=") : NULL;
  if (!ready || strncmp(line, "podd ready ", 11) || !rpc) {
    int st = 0;
    pid_t w = waitpid(pid, &st, WNOHANG);
    if (w == 0) {
      kill(pid, SIGTERM);
      waitpid(pid, &st, 0);
      return pod_cli_fail(POD_EXIT_ERROR, "podd did not say it was ready within %d s; see %s",
                          READY_TIMEOUT_MS / 1000, logpath);
    }
    return pod_cli_fail(POD_EXIT_ERROR,
                        "podd exited (status %d) before it was ready: see %s (a port in use? "
                        "try --rpc-port 0)",
                        WIFEXITED(st) ? WEXITSTATUS(st) : -1, logpath);
  }
  rpc += 4;
  size_t ul = strcspn(rpc, " \n");
  if (ul >= sizeof url) ul = sizeof url - 1;
  memcpy(url, rpc, ul);
  url[ul] = '\0';
  char pidpath[POD_CLI_PATH_SZ + 16], tmp[POD_CLI_PATH_SZ + 24];
  snprintf(pidpath, sizeof pidpath, "%s/podd.pid", dir);
  snprintf(tmp, sizeof tmp, "%s.tmp", pidpath);
  FILE *f = fopen(tmp, "w");
  if (!f || fprintf(f, "%ld %s\n", (long)pid, url) < 0 || fclose(f) != 0 ||
      rename(tmp, pidpath) != 0) {
    int e = errno;
    kill(pid, SIGTERM);
    return pod_cli_fail(POD_EXIT_ERROR, "cannot write %s: %s (podd stopped)", pidpath, strerror(e));
  }
  if (o->json) {
    printf("{\"rpc\":\"%s\",\"pid\":%ld,\"ledger\":", url, (long)pid);
    pod_cli_json_str(stdout, dir, strlen(dir));
    printf(",\"log\":");
    pod_cli_json_str(stdout, logpath, strlen(logpath));
    printf("}\n");
  } else if (o->quiet) {
    printf("%s\n", url);
  } else {
    printf("rpc: %s\npid: %ld\nledger: %s\nlog: %s\n", url, (long)pid, dir, logpath);
  }
  return POD_EXIT_OK;
}

static int node_stop(const pod_cli_opts_t *o, const char *dir) {
  pid_t pid;
  char url[512], pidpath[POD_CLI_PATH_SZ + 16];
  snprintf(pidpath, sizeof pidpath, "%s/podd.pid", dir);
  if (read_pidfile(dir, &pid, url, sizeof url) != 0) {
    unlink(pidpath);
    return pod_cli_fail(POD_EXIT_ERROR, "podd is not running on %s", dir);
  }
  /* Make sure the pid is still podd (not a reused pid) where /proc tells. */
  char comm[64], path[64];
  snprintf(path, sizeof path, "/proc/%ld/comm", (long)pid);
  FILE *f = fopen(path, "r");
  if (f) {
    int isp = fgets(comm, sizeof comm, f) && !strncmp(comm, "podd", 4);
    fclose(f);
    if (!isp) {
      unlink(pidpath);
      return pod_cli_fail(POD_EXIT_ERROR, "podd is not running on %s (pid %ld is another program)",
                          dir, (long)pid);
    }
  }
  if (kill(pid, SIGTERM) != 0)
    return pod_cli_fail(POD_EXIT_ERROR, "cannot signal podd (pid %ld): %s", (long)pid,
                        strerror(errno));
  int waited = 0;
  while (alive(pid) && waited < STOP_TIMEOUT_MS) {
    sleep_ms(20);
    waited += 20;
  }
  if (alive(pid))
    return pod_cli_fail(POD_EXIT_ERROR, "podd (pid %ld) did not stop within %d s; kill -9 %ld",
                        (long)pid, STOP_TIMEOUT_MS / 1000, (long)pid);
  unlink(pidpath);
  if (o->json) {
    printf("{\"stopped\":true,\"pid\":%ld,\"ledger\":", (long)pid);
    pod_cli_json_str(stdout, dir, strlen(dir));
    printf("}\n");
  } else if (!o->quiet) {
    printf("stopped: %ld\n", (long)pid);
  }
  return POD_EXIT_OK;
}

static int node_status(const pod_cli_opts_t *o, const char *dir) {
  pid_t pid;
  char url[512];
  int running = read_pidfile(dir, &pid, url, sizeof url) == 0;
  uint64_t slot = 0;
  int have_slot = 0;
  if (running) {
    pod_client_opts_t co = POD_CLIENT_OPTS_INIT;
    co.endpoint = url;
    co.timeout_ms = 5000;
    co.retry_max = 1;
    pod_client *c = NULL;
    if (pod_client_new(&c, &co) == POD_OK && pod_client_slot(&slot, c) == POD_OK)
      have_slot = 1;
    else if (c)
      fprintf(stderr, "pod: warning: podd (pid %ld) does not answer: %s\n", (long)pid,
              pod_client_errmsg(c));
    pod_client_free(c);
  }
  if (o->json) {
    printf("{\"running\":%s,\"ledger\":", running ? "true" : "false");
    pod_cli_json_str(stdout, dir, strlen(dir));
    if (running) printf(",\"pid\":%ld,\"rpc\":\"%s\"", (long)pid, url);
    if (have_slot) printf(",\"slot\":%llu", (unsigned long long)slot);
    printf("}\n");
  } else if (o->quiet) {
    printf("%s\n", running ? "running" : "stopped");
  } else if (running) {
    printf("running: yes\npid: %ld\nrpc: %s\nledger: %s\n", (long)pid, url, dir);
    if (have_slot) printf("slot: %llu\n", (unsigned long long)slot);
  } else {
    printf("running: no\nledger: %s\n", dir);
  }
  return POD_EXIT_OK;
}

int pod_cmd_node(const pod_cli_opts_t *o, int argc, char **argv) {
  if (argc < 2)
    return pod_cli_fail(POD_EXIT_USAGE, "node: give start, stop or status (see 'pod node --help')");
  const char *sub = argv[1];
  int which = !strcmp(sub, "start")    ? 0
              : !strcmp(sub, "stop")   ? 1
              : !strcmp(sub, "status") ? 2
                                       : -1;
  if (which < 0)
    return pod_cli_fail(POD_EXIT_USAGE, "node: unknown subcommand '%s' (start, stop, status)", sub);
  const char *ledger = NULL, *port = "8899", *bind = "127.0.0.1";
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    int takes = !strcmp(a, "--ledger") ||
                (which == 0 && (!strcmp(a, "--rpc-port") || !strcmp(a, "--bind")));
    if (!takes)
      return pod_cli_fail(POD_EXIT_USAGE,
                          "node %s: unexpected argument '%s' (see 'pod node "
                          "--help')",
                          sub, a);
    if (i + 1 >= argc || !*argv[i + 1])
      return pod_cli_fail(POD_EXIT_USAGE, "node %s: %s needs a value", sub, a);
    const char *v = argv[++i];
    if (!strcmp(a, "--ledger")) {
      ledger = v;
    } else if (!strcmp(a, "--rpc-port")) {
      char *end;
      long p = strtol(v, &end, 10);
      if (*end || p < 0 || p > 65534)
        return pod_cli_fail(POD_EXIT_USAGE, "node start: --rpc-port '%s': a port 0..65534", v);
      port = v;
    } else {
      bind = v;
    }
  }
  pod_cli_settings_t s;
  if (!ledger) {
    int rc = pod_cli_settings(&s, o);
    if (rc) return rc;
    ledger = !strncmp(s.url, "embedded:", 9) ? s.url + 9 : s.data_ledger;
  }
  if (strlen(ledger) >= POD_CLI_PATH_SZ)
    return pod_cli_fail(POD_EXIT_USAGE, "node: the ledger path is too long");
  if (which == 0) return node_start(o, ledger, port, bind);
  if (which == 1) return node_stop(o, ledger);
  return node_status(o, ledger);
}
