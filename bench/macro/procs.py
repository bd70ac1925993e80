"""Child processes for the benchmark: pinned with taskset, CPU time sampled from /proc while they
run, and their whole-life CPU time taken from wait4's rusage when they end. Linux only."""
import os
import signal
import subprocess
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
SAMPLE_S = 0.05


def load_average():
    return os.getloadavg()[0]


def busy_cpu_seconds():
    """CPU time all processes have spent (user, nice, system) since boot. Interrupt and softirq
    time is left out: the loopback network stack runs there and no process is charged for it."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (v[0] + v[1] + v[2]) / CLK_TCK


def children_cpu_seconds():
    """CPU time of this process's descendants that have ended and been waited for."""
    import resource
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


class Proc:
    """One benchmark process. `cpu` pins it (and all its threads) to that core."""

    def __init__(self, argv, log_path, cpu=None, env=None, cwd=None):
        cmd = (["taskset", "-c", str(cpu)] if cpu is not None else []) + [str(a) for a in argv]
        self.argv = cmd
        self.log_path = log_path
        self._log = open(log_path, "wb")
        # taskset execs the command, so this pid is the program's own
        self.popen = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      env=env, cwd=cwd)
        self.pid = self.popen.pid
        self.started = time.time()
        self.samples = []  # (wall time, cpu seconds)
        self.exit_code = None
        self.rusage_cpu_s = None
        self._ended = threading.Event()
        threading.Thread(target=self._reap, daemon=True).start()
        threading.Thread(target=self._sample, daemon=True).start()

    def _reap(self):
        _, status, usage = os.wait4(self.pid, 0)
        self.rusage_cpu_s = usage.ru_utime + usage.ru_stime
        self.exit_code = os.waitstatus_to_exitcode(status)
        self.popen.returncode = self.exit_code  # reaped here; keep Popen from waiting again
        self._log.close()
        self._ended.set()

    def _sample(self):
        while not self._ended.is_set():
            cpu = self.cpu_seconds()
            if cpu is not None:
                self.samples.append((time.time(), cpu))
            time.sleep(SAMPLE_S)

    def cpu_seconds(self):
        """User + system CPU time of all threads so far, or None once the process is gone."""
        try:
            with open(f"/proc/{self.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14, 15)
        except (OSError, IndexError, ValueError):
            return None

    def rss_kib(self):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def cpu_at(self, wall):
        """CPU seconds at a wall-clock time, interpolated between samples."""
        s = self.samples
        if not s:
            return None
        if wall <= s[0][0]:
            return s[0][1]
        for (t0, c0), (t1, c1) in zip(s, s[1:]):
            if t0 <= wall <= t1:
                return c0 if t1 == t0 else c0 + (c1 - c0) * (wall - t0) / (t1 - t0)
        return s[-1][1]

    def alive(self):
        return not self._ended.is_set()

    def wait(self, timeout):
        """Waits for the process to end by itself; stops it after `timeout` seconds. Returns the exit code."""
        if not self._ended.wait(timeout):
            self.stop()
            raise TimeoutError(f"{self.argv[0:6]} did not finish within {timeout:.0f} s (log: {self.log_path})")
        return self.exit_code

    def stop(self, grace_s=10):
        if not self.alive():
            return self.exit_code
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        if not self._ended.wait(grace_s):
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._ended.wait(5)
        return self.exit_code

    def log_text(self):
        try:
            with open(self.log_path, "r", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def wait_for_log(self, needle, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            text = self.log_text()
            if needle in text:
                return text
            if not self.alive():
                break
            time.sleep(0.1)
        raise RuntimeError(f"'{needle}' not seen in {self.log_path}:\n{self.log_text()[-2000:]}")


def run_quiet(argv, timeout=60):
    """A short helper command (jcmd, jstat); returns its stdout."""
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=timeout).stdout
