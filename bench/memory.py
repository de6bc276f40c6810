"""Resident memory of the search node and of the benchmark itself, from /proc.

VmHWM is the peak over a process's whole life, and the local node is shared and
long-lived, so the node's peak for one phase is sampled instead (VmRSS every 250 ms).
RssFile is mostly Lucene's memory-mapped segments: it grows with the index and the
kernel can drop it; RssAnon is the JVM's heap and native memory.
"""

import resource
import threading


def proc_memory(pid):
    """VmRSS, RssAnon, RssFile and VmHWM of a process, in KiB."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
                values[name] = int(rest.split()[0])
    return values


class MemoryWatch:
    """Samples the engine's resident memory in the background; the peaks since reset()."""

    def __init__(self, pid, every=0.25):
        self.pid, self.every = pid, every
        self.peaks = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        if pid:
            self._thread.start()

    def _run(self):
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self):
        try:
            values = proc_memory(self.pid)
        except OSError:
            return
        # An exiting process has no Vm lines left: keep what was seen.
        for name in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
            self.peaks[name] = max(self.peaks.get(name, 0), values.get(name, 0))

    def reset(self):
        self.peaks = {}

    def report(self):
        if not self.pid:
            return None
        self.sample()
        peaks = {name: self.peaks.get(name, 0) / 1024 for name in ("VmRSS", "RssAnon", "RssFile")}
        return {
            "peak_rss_mib": peaks["VmRSS"],
            "peak_rss_anon_mib": peaks["RssAnon"],
            "peak_rss_file_mib": peaks["RssFile"],
            "lifetime_vmhwm_mib": self.peaks.get("VmHWM", 0) / 1024,
        }

    def stop(self):
        self._stop.set()


def bench_peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
