"""Profile one ``mkdocs build --strict`` of a generated briefing: ``python benchmarks/profile_build.py [N]``.

Two samplers (neither is a dependency of the package; ``pip install py-spy pyinstrument``):

* ``--tool py-spy`` (default): ``py-spy record`` samples a real ``python -m mkdocs build`` subprocess from
  outside, so the build runs at full speed and call-heavy code (``html.parser``, ``markupsafe``) is not
  inflated;
* ``--tool pyinstrument``: the build runs in-process under pyinstrument, whose per-call hook roughly doubles
  the build time but gives a readable call tree (``--text``, ``--html``).

Printed: self time grouped by package or module (where the time is actually spent; C functions such as
``re.sub`` count for the Python function that calls them), and inclusive time of the functions that dominate
(each counted once per stack, so recursion is not double-counted).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

try:
    from benchmarks import generate
except ModuleNotFoundError:  # run as a script: python benchmarks/profile_build.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import generate
from tests.helpers import mkdocs_env

_SITE_PACKAGES = re.compile(r"site-packages/([^/]+)/(?:([^/]+)/)?")
_STDLIB = re.compile(r"/lib/python3\.\d+/([^/]+?)(?:\.py|/)")
# Second-level groups where the first level would hide the answer.
_SPLIT = frozenset({"mkdocs", "material"})
_PYSPY_FRAME = re.compile(r"^(?P<function>.*) \((?P<path>.*?)(?::\d+)?\)$")

Stack = tuple[tuple[str, str], ...]  # (function, file path) from the outermost frame in


def group(path: str | None) -> str:
    """A readable owner for a source file: ``briefing.render.pages``, ``markdown``, ``mkdocs.contrib``…"""
    if not path:
        return "?"
    if "/briefing/render/templates/" in path:
        return "briefing templates (Jinja)"
    if "/briefing/theme/" in path:
        return "briefing theme overrides (Jinja)"
    if "/material/templates/" in path:
        return "material templates (Jinja)"
    if "/briefing/" in path and "site-packages" not in path:
        module = path.split("/briefing/", 1)[1].removesuffix(".py").replace("/", ".")
        return "briefing." + module
    found = _SITE_PACKAGES.search(path)
    if found:
        top, second = found.group(1).removesuffix(".py"), found.group(2)
        return f"{top}.{second.removesuffix('.py')}" if top in _SPLIT and second else top
    found = _STDLIB.search(path)
    if found:
        return "stdlib " + found.group(1)
    return path.rsplit("/", 1)[-1]


def aggregate(stacks: Iterable[tuple[Stack, float]]) -> tuple[dict[str, float], dict[str, float], float]:
    """(self time by group, inclusive time by function, total) from weighted stacks."""
    by_group: defaultdict[str, float] = defaultdict(float)
    by_function: defaultdict[str, float] = defaultdict(float)
    total = 0.0
    for stack, seconds in stacks:
        total += seconds
        owner = "?"
        seen: set[str] = set()
        for function, path in stack:
            if path and not path.startswith("<"):
                owner = group(path)
                key = f"{function} ({owner})"
            else:  # C functions and frozen modules count for their caller
                key = f"{function} (C, called from {owner})"
            if key not in seen:
                seen.add(key)
                by_function[key] += seconds
        by_group[owner] += seconds
    return dict(by_group), dict(by_function), total


def top(figures: dict[str, float], count: int) -> list[tuple[str, float]]:
    return sorted(figures.items(), key=lambda item: (-item[1], item[0]))[:count]


# --- py-spy ----------------------------------------------------------------------------------------------


def pyspy_stacks(project: Path, site: Path, rate: int) -> list[tuple[Stack, float]]:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    raw = site.parent / "py-spy.txt"
    command = [py_spy, "record", "--rate", str(rate), "--format", "raw", "--full-filenames", "--output", str(raw),
               "--", sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(command, cwd=project, env=mkdocs_env(), check=True,
                   capture_output=True, timeout=3600)
    stacks: list[tuple[Stack, float]] = []
    for line in raw.read_text(encoding="utf-8").splitlines():
        frames, _, count = line.rpartition(" ")
        parsed = []
        for frame in frames.split(";"):
            match = _PYSPY_FRAME.match(frame)
            parsed.append((match["function"], match["path"]) if match else (frame, ""))
        stacks.append((tuple(parsed), int(count) / rate))
    return stacks


# --- pyinstrument ----------------------------------------------------------------------------------------


def pyinstrument_profile(project: Path, site: Path, interval: float) -> Any:
    from mkdocs.__main__ import cli  # noqa: PLC0415 - imported where it is profiled
    from pyinstrument import Profiler  # noqa: PLC0415 - optional, only for profiling

    profiler = Profiler(interval=interval)
    profiler.start()
    try:
        cli.main(["build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                 standalone_mode=False)
    finally:
        profiler.stop()
    return profiler


def pyinstrument_stacks(root: Any) -> list[tuple[Stack, float]]:
    """Self time of every frame as a weighted stack."""
    stacks: list[tuple[Stack, float]] = []
    pending: list[tuple[Any, Stack]] = [(root, ())]
    while pending:
        frame, above = pending.pop()
        stack = (*above, (frame.function, frame.file_path or ""))
        children = list(frame.children)
        self_time = frame.time - sum(child.time for child in children)
        if self_time > 0:
            stacks.append((stack, self_time))
        pending.extend((child, stack) for child in children)
    return stacks


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile one build of a generated briefing.")
    parser.add_argument("n", type=int, nargs="?", default=5000, help="records (default 5000)")
    parser.add_argument("--tool", choices=("py-spy", "pyinstrument"), default="py-spy")
    parser.add_argument("--project", type=Path, help="an already generated project to build instead")
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--text", type=Path, help="pyinstrument: write its call tree here")
    parser.add_argument("--html", type=Path, help="pyinstrument: write its HTML report here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="briefing-profile-"))
    try:
        project = args.project
        if project is None:
            project = work / "project"
            generate.write(args.n, project)
        if args.tool == "py-spy":
            stacks = pyspy_stacks(project, work / "site", args.rate)
            header = f"py-spy at {args.rate} Hz"
        else:
            profiler = pyinstrument_profile(project, work / "site", 1 / args.rate)
            session = profiler.last_session
            stacks = pyinstrument_stacks(session.root_frame())
            header = f"pyinstrument ({session.duration:.2f} s wall, {session.cpu_time:.2f} s CPU)"
            if args.text:
                args.text.write_text(profiler.output_text(unicode=True, color=False, show_all=False),
                                     encoding="utf-8")
            if args.html:
                args.html.write_text(profiler.output_html(), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    by_group, by_function, total = aggregate(stacks)
    from benchmarks.run import code_version  # noqa: PLC0415 - the same description of the code as the runner

    print(f"mkdocs build --strict of {args.n if args.project is None else project}: {total:.2f} s sampled, {header}")
    print(f"code: {code_version()}")
    print("\nself time by package / module")
    for name, seconds in top(by_group, args.top):
        print(f"  {seconds:8.2f} s {100 * seconds / total:5.1f}%  {name}")
    print("\ninclusive time by function (counted once per stack)")
    for name, seconds in top(by_function, args.top * 2):
        print(f"  {seconds:8.2f} s {100 * seconds / total:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
