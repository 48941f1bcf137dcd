"""Issue 7 benchmarks: the plugin against its Markdown twin, ``briefing check`` against bare YAML, serve edits.

``python benchmarks/run.py [--quick] [--runs K]`` measures, in one run on one machine:

* ``mkdocs build --strict`` (a subprocess, wall time) of a generated briefing of N records with the plugin,
  and of its Markdown twin (the same pages as Markdown files, no plugin; see ``twin.py``), at N = 1,000 and
  5,000 (``--quick``: 200 and 1,000), K runs each, interleaved, medians; the peak memory (max RSS) of each
  build from ``os.wait4``; CPU time (user + system) as a check on the wall times of a noisy machine;
* ``briefing check --strict`` against a bare ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the same files
  (both subprocesses of the same interpreter), at the largest N;
* the time from editing one quote in ``data/quotes.yml`` to the rebuilt quote page being served by a real
  ``mkdocs serve --dirty`` on 127.0.0.1 (the preview the README recommends for large briefings), against
  the full build, at the largest N; and the same under plain ``mkdocs serve``, reported but not in the last
  line (MkDocs itself empties and rewrites the whole site on every plain rebuild);
* issue 17, a briefing under git as real ones are (``tracked.py``): a generated briefing of 2,000 records
  (``--quick``: 500) committed, then 50 commits each editing one record. ``mkdocs build --strict`` of it
  against the same folder without ``.git``, K runs each, interleaved, after one build of each that is not
  counted (the tracked one fills the history cache, and is reported); ``history_overhead`` is the median
  tracked build over the median untracked one. Then the serve edit under ``mkdocs serve --dirty`` with that
  history (the edit is an uncommitted change, as while an editor works), and of the untracked copy.

The last line printed is ``ratio_vs_markdown=X per_page_growth=Y check_vs_yaml=Z serve_edit_vs_full=W
history_overhead=H serve_edit_tracked_vs_full=S`` (``--history-only``: the last two alone).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

try:
    from benchmarks import generate, tracked, twin
except ModuleNotFoundError:  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import generate, tracked, twin
from tests.helpers import mkdocs_env

SIZES = (1000, 5000)
QUICK_SIZES = (200, 1000)
HISTORY_SIZE = 2000
QUICK_HISTORY_SIZE = 500
BUILD_TIMEOUT = 1800.0
YAML_SCRIPT = ("import sys, yaml\n"
               "for name in sys.argv[1:]:\n"
               "    with open(name, encoding='utf-8') as f:\n"
               "        yaml.load(f, Loader=yaml.CSafeLoader)\n")
CHECK_SCRIPT = "import sys\nfrom briefing.cli import main\nsys.exit(main())\n"


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child and its children
    max_rss_mib: float


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.max_rss_mib for r in self.runs)

    def summary(self) -> dict[str, Any]:
        return {"median_wall_s": round(self.wall, 3), "median_cpu_s": round(self.cpu, 3),
                "peak_rss_mib": round(self.peak_mib, 1), "runs": [asdict(r) for r in self.runs]}


def code_digest() -> str:
    """A digest of the package's files as they are now: others may be editing ``briefing/`` meanwhile."""
    package = generate.ROOT / "briefing"
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def code_version() -> str:
    """The commit, whether ``briefing/`` has uncommitted changes, and the digest of its files."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=generate.ROOT, capture_output=True,
                              text=True, timeout=10, check=False).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "briefing"], cwd=generate.ROOT,
                                 capture_output=True, text=True, timeout=10, check=False).stdout.splitlines()
    except OSError:
        head, changed = "?", []
    state = f"{len(changed)} uncommitted file(s) in briefing/" if changed else "clean"
    return f"commit {head or '?'} ({state}), briefing/ digest {code_digest()}"


# Peak memory needs a small parent: a child's max RSS starts at its parent's RSS when it is forked (Linux keeps
# the high-water mark across exec), and this script holds a whole briefing. So each command runs under this
# wrapper, which spawns it, waits for it and writes its wall time and max RSS (KiB) to a file.
RSS_WRAPPER = (
    "import os, sys, time\n"
    "start = time.perf_counter()\n"
    "pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "wall = time.perf_counter() - start\n"
    "with open(sys.argv[1], 'w') as f:\n"
    "    f.write(f'{wall} {usage.ru_maxrss}')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def timed(command: Sequence[str], cwd: Path, log: Path, timeout: float = BUILD_TIMEOUT) -> Run:
    """Run ``command`` to completion: its wall time, CPU time (user + system) and peak RSS."""
    figures = log.with_suffix(".rss")
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-c", RSS_WRAPPER, str(figures), *command], cwd=cwd,
                                   env=mkdocs_env(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        timer = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL))
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)  # the wrapper's figures include its waited-for child
        finally:
            timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
        raise RuntimeError(f"{' '.join(command)} failed with {process.returncode} in {cwd}:\n{tail}")
    wall, max_rss_kib = figures.read_text(encoding="utf-8").split()
    figures.unlink()
    return Run(float(wall), usage.ru_utime + usage.ru_stime, int(max_rss_kib) / 1024)


def build_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]


def say(text: str) -> None:
    print(text, flush=True)


# --- mkdocs serve --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body: bytes = response.read()
            return body.decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return ""


def wait_until(condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.05) -> float:
    """Seconds until ``condition()`` holds, polling every ``interval``; raises after ``timeout``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if condition():
            return time.perf_counter() - start
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")


def _shows(url: str, text: str) -> Callable[[], bool]:
    return lambda: text in fetch(url)


def _more_builds(builds: Callable[[], int], before: int) -> Callable[[], bool]:
    return lambda: builds() > before


@dataclass
class ServeResult:
    visible: list[float]  # edit written -> the page served with the new text
    rebuilt: list[float]  # edit written -> "Documentation built" in the server log
    startup: float  # server start -> first page served (includes the first full build)


def measure_serve(project: Path, generated: generate.Generated, runs: int, full_build: float,
                  log: Path, *, dirty: bool = False) -> ServeResult:
    """Edit one quote ``runs`` times under a real ``mkdocs serve`` (``--dirty``); the server is always stopped."""
    quotes = generated.collections["quotes"]
    quote = quotes[0]
    port = free_port()
    page = twin.page_url("quotes/" + quote["id"] + ".md")
    url = f"http://127.0.0.1:{port}/{page}"
    quotes_file = project / "data" / "quotes.yml"
    original = quotes_file.read_text(encoding="utf-8")
    timeout = max(120.0, 20 * full_build)
    result = ServeResult([], [], 0.0)
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
        server = subprocess.Popen(command, cwd=project, env=mkdocs_env(), stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        try:
            wait_until(lambda: bool(fetch(url)), timeout, "the server to serve the quote", interval=0.2)
            result.startup = time.perf_counter() - start

            def builds() -> int:
                return log.read_text(encoding="utf-8", errors="replace").count("Documentation built in")

            for k in range(runs):
                before = builds()
                marker = f"Benchmark edit number {k + 1} of {runs} token {time.time_ns()}"
                quote["text"] = marker
                staged = project / f".quotes-{k}.tmp"
                staged.write_text(generate.dump(quotes), encoding="utf-8")
                edited = time.perf_counter()
                staged.replace(quotes_file)  # atomic: the server never reads half a file
                visible = wait_until(_shows(url, marker), timeout, "the edited quote")
                wait_until(_more_builds(builds, before), timeout, "the rebuild to finish")
                result.visible.append(visible)
                result.rebuilt.append(time.perf_counter() - edited)
                time.sleep(0.5)  # let the server settle before the next edit
        finally:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=15)
            except ProcessLookupError:
                pass
            quotes_file.write_text(original, encoding="utf-8")
    return result


def describe_serve(name: str, measured: ServeResult, full_build: float) -> str:
    runs = ", ".join(f"{t:.2f}" for t in measured.visible)
    return (f"{name}: first page after {measured.startup:.2f} s; edit -> page shows it: "
            f"{statistics.median(measured.visible):.2f} s (runs: {runs}), edit -> rebuild done: "
            f"{statistics.median(measured.rebuilt):.2f} s; full build {full_build:.2f} s")


# --- the run -------------------------------------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    pages: int
    plugin: Series = field(default_factory=Series)
    markdown: Series = field(default_factory=Series)


def measure_size(n: int, work: Path, runs: int) -> tuple[SizeResult, Path, generate.Generated]:
    folder = work / f"n{n}"
    project = folder / "plugin"
    say(f"[N={n}] generating into {project}")
    generated = generate.write(n, project)
    say(f"[N={n}] one plugin build with the recording hook, then the Markdown twin")
    markdown, pages = twin.make_twin(project, folder)
    shutil.rmtree(folder / "plugin-site", ignore_errors=True)
    site = folder / "site"
    say(f"[N={n}] {pages} pages; warm-up build of the twin")
    timed(build_command(site), markdown, folder / "markdown-build.log")
    result = SizeResult(n, pages)
    alternate_builds(f"N={n}", site, folder, runs, (("plugin", project, result.plugin),
                                                    ("markdown", markdown, result.markdown)))
    shutil.rmtree(site, ignore_errors=True)
    return result, project, generated


def alternate_builds(tag: str, site: Path, folder: Path, runs: int,
                     sides: Sequence[tuple[str, Path, Series]]) -> None:
    """``runs`` builds of each side's project into ``site``, alternating, so that the machine's changing speed
    falls on every side alike; each run is added to the side's series and printed."""
    width = max(len(kind) for kind, _, _ in sides)
    for k in range(runs):
        for kind, where, series in sides:
            run = timed(build_command(site), where, folder / f"{kind}-build.log")
            series.runs.append(run)
            say(f"[{tag}] run {k + 1}/{runs} {kind:{width}}: {run.wall:7.2f} s wall, {run.cpu:7.2f} s CPU, "
                f"{run.max_rss_mib:6.0f} MiB")


def measure_check(project: Path, runs: int, work: Path) -> tuple[Series, Series]:
    data = project / "data"
    files = [str(p) for p in sorted(data.rglob("*.y*ml"))]
    check, bare = Series(), Series()
    for k in range(runs):
        check.runs.append(timed([sys.executable, "-c", CHECK_SCRIPT, "check", "--strict", "data"], project,
                                work / "check.log"))
        bare.runs.append(timed([sys.executable, "-c", YAML_SCRIPT, *files], project, work / "yaml.log"))
        say(f"[check] run {k + 1}/{runs}: briefing check {check.runs[-1].wall:.2f} s, "
            f"bare CSafeLoader {bare.runs[-1].wall:.2f} s")
    return check, bare


@dataclass
class HistoryResult:
    n: int
    commits: int
    first_tracked: Run  # the first build: an empty history cache
    tracked: Series = field(default_factory=Series)
    untracked: Series = field(default_factory=Series)
    serve_dirty: ServeResult | None = None
    serve_dirty_untracked: ServeResult | None = None

    @property
    def overhead(self) -> float:
        return self.tracked.wall / self.untracked.wall

    @property
    def overhead_cpu(self) -> float:
        return self.tracked.cpu / self.untracked.cpu


def measure_history(n: int, commits: int, work: Path, runs: int, serve: bool) -> HistoryResult:
    """The git-tracked briefing against the same folder without ``.git``; then a serve edit with that history."""
    folder = work / f"history-n{n}"
    project = folder / "tracked"
    say(f"[history N={n}] generating into {project}, then {commits} commits of one-record edits")
    generated = generate.write(n, project)
    tracked.track(project, generated, commits)
    untracked = tracked.untracked_copy(project, folder / "untracked")
    site = folder / "site"
    timed(build_command(site), untracked, folder / "untracked-build.log")  # warm-up, as for the tracked one
    first = timed(build_command(site), project, folder / "tracked-build.log")
    say(f"[history N={n}] first tracked build (empty history cache): {first.wall:.2f} s wall, {first.cpu:.2f} s CPU")
    result = HistoryResult(n, commits, first)
    alternate_builds(f"history N={n}", site, folder, runs, (("tracked", project, result.tracked),
                                                            ("untracked", untracked, result.untracked)))
    shutil.rmtree(site, ignore_errors=True)
    if serve:
        for kind, where in (("tracked", project), ("untracked", untracked)):
            say(f"[history N={n}] mkdocs serve --dirty of the {kind} briefing: {runs} edits of one quote")
            measured = measure_serve(where, generated, runs, result.tracked.wall, folder / f"serve-{kind}.log",
                                     dirty=True)
            if kind == "tracked":
                result.serve_dirty = measured
            else:
                result.serve_dirty_untracked = measured
    return result


def describe_history(h: HistoryResult) -> list[str]:
    lines = [f"git-tracked briefing, N={h.n}, {h.commits} one-record commits: tracked build {h.tracked.wall:.2f} s "
             f"(CPU {h.tracked.cpu:.2f} s), untracked {h.untracked.wall:.2f} s (CPU {h.untracked.cpu:.2f} s): "
             f"overhead {h.overhead:.2f} (by CPU time {h.overhead_cpu:.2f}); first tracked build, empty history "
             f"cache: {h.first_tracked.wall:.2f} s"]
    if h.serve_dirty is not None:
        lines.append(describe_serve("mkdocs serve --dirty, git-tracked", h.serve_dirty, h.tracked.wall))
    if h.serve_dirty_untracked is not None:
        lines.append(describe_serve("mkdocs serve --dirty, untracked", h.serve_dirty_untracked, h.untracked.wall))
    return lines


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Briefing benchmarks (issue 7).")
    parser.add_argument("--quick", action="store_true", help="N = 200 and 1,000 instead of 1,000 and 5,000")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3); medians are shown")
    parser.add_argument("--sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"), help="override the two sizes")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed at the end)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurements")
    parser.add_argument("--history-size", type=int, metavar="N",
                        help=f"records of the git-tracked case (default {HISTORY_SIZE}, --quick {QUICK_HISTORY_SIZE})")
    parser.add_argument("--commits", type=int, default=tracked.COMMITS,
                        help=f"one-record commits of the git-tracked case (default {tracked.COMMITS})")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--history-only", action="store_true", help="only the git-tracked case (issue 17)")
    which.add_argument("--no-history", action="store_true", help="skip the git-tracked case")
    return parser


def report_sizes(results: dict[int, SizeResult], check: Series, bare: Series, serve: ServeResult | None,
                 serve_dirty: ServeResult | None) -> tuple[dict[str, Any], str]:
    """Print the issue 7 figures; return them for the JSON file, and their part of the last line."""
    small, large = sorted(results)
    say("N       pages  plugin s  markdown s  plugin/md  |  plugin CPU s  md CPU s  CPU ratio  |  peak RSS MiB "
        "plugin / md")
    for n, r in results.items():
        say(f"{n:<7} {r.pages:5}  {r.plugin.wall:8.2f}  {r.markdown.wall:10.2f}  "
            f"{r.plugin.wall / r.markdown.wall:9.2f}  |  {r.plugin.cpu:12.2f}  {r.markdown.cpu:8.2f}  "
            f"{r.plugin.cpu / r.markdown.cpu:9.2f}  |  {r.plugin.peak_mib:6.0f} / {r.markdown.peak_mib:.0f}")
    big, little = results[large], results[small]
    ratio = big.plugin.wall / big.markdown.wall
    growth = (big.plugin.wall / big.pages) / (little.plugin.wall / little.pages)
    growth_cpu = (big.plugin.cpu / big.pages) / (little.plugin.cpu / little.pages)
    say(f"per page, plugin: {1000 * little.plugin.wall / little.pages:.1f} ms at N={small}, "
        f"{1000 * big.plugin.wall / big.pages:.1f} ms at N={large} (growth {growth:.2f}, by CPU time "
        f"{growth_cpu:.2f})")
    check_ratio = check.wall / bare.wall
    say(f"briefing check --strict: {check.wall:.2f} s (CPU {check.cpu:.2f} s, {check.peak_mib:.0f} MiB); bare "
        f"CSafeLoader: {bare.wall:.2f} s (CPU {bare.cpu:.2f} s); ratio {check_ratio:.2f}")
    serve_ratio = float("nan")
    if serve_dirty is not None:
        serve_ratio = statistics.median(serve_dirty.visible) / big.plugin.wall
    for name, measured in (("mkdocs serve", serve), ("mkdocs serve --dirty", serve_dirty)):
        if measured is not None:
            say(describe_serve(name, measured, big.plugin.wall))
    figures: dict[str, Any] = {
        "sizes": {str(n): {"pages": r.pages, "plugin": r.plugin.summary(), "markdown": r.markdown.summary()}
                  for n, r in results.items()},
        "check": check.summary(), "yaml": bare.summary(),
        "serve": asdict(serve) if serve else None,
        "serve_dirty": asdict(serve_dirty) if serve_dirty else None,
        "ratio_vs_markdown": ratio, "per_page_growth": growth, "per_page_growth_cpu": growth_cpu,
        "check_vs_yaml": check_ratio, "serve_edit_vs_full": serve_ratio,
        "cpu_ratio_vs_markdown": big.plugin.cpu / big.markdown.cpu,
    }
    line = (f"ratio_vs_markdown={ratio:.2f} per_page_growth={growth:.2f} check_vs_yaml={check_ratio:.2f} "
            f"serve_edit_vs_full={serve_ratio:.2f}")
    return figures, line


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = tuple(args.sizes) if args.sizes else QUICK_SIZES if args.quick else SIZES
    small, large = sorted(sizes)
    history_size = args.history_size or (QUICK_HISTORY_SIZE if args.quick else HISTORY_SIZE)
    work = args.work or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    runs = max(1, args.runs)
    say(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; {runs} runs per figure; work in {work}")
    version, digest = code_version(), code_digest()
    say(f"code: {version}")
    results: dict[int, SizeResult] = {}
    serve: ServeResult | None = None
    serve_dirty: ServeResult | None = None
    history: HistoryResult | None = None
    try:
        if not args.history_only:
            for n in (small, large):
                results[n], project, generated = measure_size(n, work, runs)
            check, bare = measure_check(project, runs, work)
            if not args.no_serve:
                say(f"[serve] mkdocs serve at N={large}: {runs} edits of one quote")
                serve = measure_serve(project, generated, runs, results[large].plugin.wall, work / "serve.log")
                say(f"[serve] mkdocs serve --dirty at N={large}: {runs} edits of one quote")
                serve_dirty = measure_serve(project, generated, runs, results[large].plugin.wall,
                                            work / "serve-dirty.log", dirty=True)
        if not args.no_history:
            history = measure_history(history_size, max(1, args.commits), work, runs, not args.no_serve)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    say("")
    if code_digest() != digest:
        say(f"WARNING: briefing/ changed during the run (now {code_version()}): the figures mix versions")
    figures: dict[str, Any] = {"code": version}
    last: list[str] = []
    if results:
        sized, line = report_sizes(results, check, bare, serve, serve_dirty)
        figures.update(sized)
        last.append(line)
    if history is not None:
        for line in describe_history(history):
            say(line)
        tracked_serve = float("nan")
        if history.serve_dirty is not None:
            tracked_serve = statistics.median(history.serve_dirty.visible) / history.tracked.wall
        figures["history"] = {
            "n": history.n, "commits": history.commits, "first_tracked": asdict(history.first_tracked),
            "tracked": history.tracked.summary(), "untracked": history.untracked.summary(),
            "serve_dirty": asdict(history.serve_dirty) if history.serve_dirty else None,
            "serve_dirty_untracked": asdict(history.serve_dirty_untracked) if history.serve_dirty_untracked else None,
            "history_overhead": history.overhead, "history_overhead_cpu": history.overhead_cpu,
            "serve_edit_tracked_vs_full": tracked_serve,
        }
        last.append(f"history_overhead={history.overhead:.2f} serve_edit_tracked_vs_full={tracked_serve:.2f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    say(" ".join(last))
    return 0


if __name__ == "__main__":
    sys.exit(main())
