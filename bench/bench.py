#!/usr/bin/env python3
"""Benchmark harness for ``hedong``: synthetic catalogues and journals at three scales, whole-process timings.

Scales:
  S  the shipped catalogue (data/targets_2026.yaml) plus a year of weekly reports, about 7,500 entries;
  M  3,000 tasks (a whole city's districts) and 100,000 entries;
  L  20,000 tasks and 1,000,000 entries.

Each command is run as a separate process of the installed ``hedong`` (the one on PATH, else the one next to
this interpreter), several times, after one unmeasured warm-up run. Wall time comes from ``perf_counter``
around spawn and reap; peak memory (max RSS) from ``os.wait4``, which reports it per child. ``python -c pass``
with the interpreter that runs ``hedong`` is measured in the same run as the floor, and every median is also
given as a ratio to it, since absolute times drift on shared machines.

Generated files are cached under bench/work/ and rebuilt only when missing. The table goes to
bench/RESULTS.md between the ``bench:begin``/``bench:end`` markers; the text around them is kept.

    python bench/bench.py                         # S, M and L with 7, 5 and 3 runs
    python bench/bench.py --scales S --runs 15    # only S, 15 runs of each command
    python bench/bench.py --only status --no-write
    python bench/bench.py --pg postgresql://postgres@127.0.0.1:55432/postgres   # PostgreSQL beside SQLite

With ``--pg`` (or ``$HEDONG_BENCH_PG``: a role that may create databases), each scale's journal is also copied
with ``hedong db copy`` into a database of its own on that server (kept for the next run), and the journal
commands run against it as well, labelled ``[pg]``, in the same rounds as their SQLite twins.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hedong_cli.journal import Journal

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
WORK_DIR = BENCH_DIR / "work"
RESULTS = BENCH_DIR / "RESULTS.md"
SHIPPED_CATALOG = ROOT / "data" / "targets_2026.yaml"
TODAY = date(2026, 11, 26)
YEAR = 2026
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
LEDGER_ROWS = 5_000
MIB = 1024 * 1024


@dataclass(frozen=True)
class Scale:
    name: str
    tasks: int | None  # None: the shipped catalogue
    entries: int
    runs: int


SCALES = {
    "S": Scale("S", None, 7_500, 7),
    "M": Scale("M", 3_000, 100_000, 5),
    "L": Scale("L", 20_000, 1_000_000, 3),
}

PTY_SIZE = (50, 120)  # rows, columns of the terminal the overview is timed on
PTY_STATUS = "status (pty 50×120)"
TASKWARRIOR_VERSION = ""  # filled in by taskwarrior_data when `task` is installed

# The targets: (scale, command label) -> (max median ms, max ratio of the median to the floor's median).
TIME_TARGETS: dict[tuple[str, str], tuple[float | None, float | None]] = {
    # issue 22 (a lighter, faster house): ratios to `python -c pass` in the same run
    ("S", PTY_STATUS): (None, 10),
    ("S", "status --format json"): (None, 7),
    ("S", "update"): (None, 8),
    ("S", "--help"): (None, 6),
    # issue 12 (the terminal on rich)
    ("S", "status"): (160, 13),
    ("S", "status --all"): (260, None),
    ("S", "--version"): (40, None),
    ("S", "completion (task ids)"): (150, None),
    ("M", "status --format json"): (1000, None),
    ("L", "status --format json"): (3000, None),
}
RSS_TARGETS_MIB: dict[tuple[str, str], float] = {("L", "status --format json"): 200}

DISTRICTS = (
    *("和平区", "河东区", "河西区", "南开区", "河北区", "红桥区", "东丽区", "西青区"),
    *("津南区", "北辰区", "武清区", "宝坻区", "滨海新区", "宁河区", "静海区", "蓟州区"),
)
TOPICS = ("招商引资", "城市更新", "民生保障", "营商环境", "科技创新", "生态环保", "社会治理", "文旅消费")
UNITS = ("发展改革委", "商务局", "科技局", "住房建设委", "生态环境局", "民政局", "教育局", "卫生健康委")
QUANT_TARGETS = (
    (">=", 700, "个"),
    ("=", 4.5, "%"),
    (">=", 1.3, "万人"),
    (">=", 30, "亿元"),
    (">", 0, "%"),
    ("range", 5, "%", 6),
    (">=", 12000, "平方米"),
)
NOTES = ("按计划推进", "已完成阶段性目标", "正在协调用地", "资金已拨付", "🚧 施工中", "待市级部门批复", None)


# ---------------------------------------------------------------------------------------------------------------
# Generating catalogues and journals


def q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def catalogue_yaml(n_tasks: int, seed: int) -> str:
    """A valid catalogue of ``n_tasks`` tasks: six goals, then sections of 10 subsections of 25 tasks."""
    rng = random.Random(seed)
    lines = [
        f"# Synthetic catalogue for benchmarks: {n_tasks} tasks (bench/bench.py)",
        f"year: {YEAR}",
        f"key: {q(f'bench-{n_tasks}')}",
        "source:",
        '  doc_no: "bench"',
        "sections:",
        '  - id: "0"',
        "    title: 主要预期目标",
        "    tasks:",
    ]
    made = 0
    for goal in range(1, 7):
        lines += _task_yaml(f"0.{goal}", goal, rng, indent=6)
        made += 1
    section = 0
    while made < n_tasks:
        section += 1
        district = DISTRICTS[section % len(DISTRICTS)]
        lines += [f'  - id: "{section}"', f"    title: {q(f'{district}重点任务第{section}部分')}", "    subsections:"]
        for sub in range(1, 11):
            if made >= n_tasks:
                break
            topic = TOPICS[sub % len(TOPICS)]
            lines += [f'      - id: "{section}.{sub}"', f"        title: {q(topic)}", "        tasks:"]
            for number in range(1, 26):
                if made >= n_tasks:
                    break
                lines += _task_yaml(f"{section}.{sub}.{number}", number, rng, indent=10)
                made += 1
    return "\n".join(lines) + "\n"


def _task_yaml(task_id: str, number: int, rng: random.Random, indent: int) -> list[str]:
    pad = " " * indent
    district = rng.choice(DISTRICTS)
    topic = rng.choice(TOPICS)
    # The first task of each group is quantitative, so that ``update <group>.1 --value`` always works.
    kind = "quantitative" if number == 1 else rng.choice(("quantitative", "quantitative", "ongoing", "milestone"))
    out = [
        f"{pad[:-2]}- id: {q(task_id)}",
        f"{pad}title: {q(f'{district}{topic}{task_id}'[:20])}",
        f"{pad}text: {q(f'{district}围绕{topic}推进第{task_id}项重点工作，按季度报送进展，确保年底前完成')}",
        f"{pad}kind: {kind}",
    ]
    if kind == "quantitative":
        comparator, value, unit, *rest = rng.choice(QUANT_TARGETS)
        extra = f", max: {rest[0]}" if rest else ""
        out.append(f"{pad}target: {{value: {value}, unit: {q(unit)}, comparator: {q(comparator)}{extra}}}")
        if rng.random() < 0.3:
            out.append(f"{pad}baseline: {{value: {value}, unit: {q(unit)}, year: {YEAR - 1}}}")
    elif kind == "milestone":
        due = date(YEAR, rng.randint(3, 12), rng.randint(1, 28))
        out.append(f'{pad}due: "{due.isoformat()}"')
    if rng.random() < 0.5:
        out.append(f"{pad}lead: {q(district + rng.choice(UNITS))}")
    return out


@dataclass(frozen=True)
class TaskInfo:
    id: str
    target: float | None  # None: not quantitative


def catalogue_tasks(path: Path) -> tuple[str, list[TaskInfo]]:
    """The catalogue key and its tasks, read with hedong's own loader."""
    from hedong_cli.catalogue.model import load_catalog

    catalog = load_catalog(path)
    return catalog.key, [TaskInfo(task.id, task.target.value if task.target else None) for task in catalog.tasks]


COLUMNS = "id, catalog, task_id, kind, recorded_at, effective, status, value, note, author, retracts, lead, partners"


def journal_rows(key: str, tasks: list[TaskInfo], n_entries: int, seed: int) -> Iterator[tuple[object, ...]]:
    """Rows in date order: each task gets an assignment first, then weekly-ish updates; 1 in 40 is retracted."""
    rng = random.Random(seed)
    per_task = -(-n_entries // len(tasks))
    span = (TODAY - date(YEAR, 1, 1)).days
    entry_id = 0
    for index in range(n_entries):
        task = tasks[index % len(tasks)]
        step = index // len(tasks)
        day = date(YEAR, 1, 1) + timedelta(days=step * span // per_task)
        entry_id += 1
        recorded = f"{day.isoformat()}T01:{step % 60:02d}:00.000000+00:00"
        author = rng.choice(DISTRICTS) + rng.choice(UNITS)
        if step == 0:
            partners = json.dumps(rng.sample(UNITS, 2), ensure_ascii=False)
            yield (entry_id, key, task.id, "assign", recorded, day.isoformat(), None, None, None, author, None,
                   author, partners)  # fmt: skip
            continue
        if step > 3 and rng.random() < 0.025:
            # Retract the entry made for this task one round earlier.
            yield (entry_id, key, task.id, "retract", recorded, day.isoformat(), None, None, None, author,
                   entry_id - len(tasks), None, None)  # fmt: skip
            continue
        share = step / per_task
        status = "done" if share > 0.95 and rng.random() < 0.5 else rng.choice(("in_progress",) * 8 + ("blocked",))
        value = None
        if task.target is not None and rng.random() < 0.8:
            value = round(max(task.target, 1) * share * rng.uniform(0.7, 1.2), 2)
        note = rng.choice(NOTES)
        note = f"第{step}次报送：{note}" if note else None
        yield (entry_id, key, task.id, "update", recorded, day.isoformat(), status, value, note, author, None, None,
               None)  # fmt: skip


def build_journal(path: Path, catalogue: Path, n_entries: int, seed: int) -> None:
    """Create the schema with hedong's own ``SQLiteJournal.for_writing``, then bulk-insert in one transaction."""
    from hedong_cli.journal import SQLiteJournal

    key, tasks = catalogue_tasks(catalogue)
    partial = path.with_suffix(".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    SQLiteJournal.for_writing(partial).close()
    conn = sqlite3.connect(partial, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        f"INSERT INTO entries ({COLUMNS}) VALUES ({', '.join('?' * 13)})", journal_rows(key, tasks, n_entries, seed)
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    os.replace(partial, path)


@dataclass
class Dataset:
    scale: Scale
    catalogue: Path
    journal: Path
    key: str
    show_id: str
    update_id: str
    task_count: int
    entry_count: int


def prepare(scale: Scale, hedong: Path) -> Dataset:
    """Generate (or reuse) the catalogue and journal of a scale, and check the catalogue with ``hedong check``."""
    folder = WORK_DIR / scale.name
    folder.mkdir(parents=True, exist_ok=True)
    if scale.tasks is None:
        catalogue = SHIPPED_CATALOG
    else:
        catalogue = folder / f"catalogue-{scale.tasks}.yaml"
        if not catalogue.exists():
            log(f"[{scale.name}] writing {catalogue.name}")
            tmp = catalogue.with_suffix(".partial")
            tmp.write_text(catalogue_yaml(scale.tasks, seed=scale.tasks), encoding="utf-8")
            os.replace(tmp, catalogue)
    journal = folder / f"journal-{scale.entries}.sqlite"
    if not journal.exists():
        started = time.perf_counter()
        log(f"[{scale.name}] building {journal.name} ({scale.entries:,} entries)")
        build_journal(journal, catalogue, scale.entries, seed=scale.entries)
        log(f"[{scale.name}]   built in {time.perf_counter() - started:.1f} s")
    check = subprocess.run(
        [str(hedong), "check", "--data", str(catalogue), "--db", str(journal)],
        capture_output=True,
        text=True,
        env=bench_env(catalogue, journal),
    )
    if check.returncode != 0:
        raise SystemExit(f"hedong check failed for {catalogue}:\n{check.stdout}{check.stderr}")
    key, tasks = catalogue_tasks(catalogue)
    with contextlib.closing(sqlite3.connect(f"{journal.as_uri()}?mode=ro", uri=True)) as conn:
        entries = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    quantitative = [task.id for task in tasks if task.target is not None]
    show_id = "2.1.3" if scale.tasks is None else "1.1.1"
    update_id = "1.1.3" if scale.tasks is None else "1.1.1"
    assert update_id in quantitative, update_id
    return Dataset(scale, catalogue, journal, key, show_id, update_id, len(tasks), entries)


# ---------------------------------------------------------------------------------------------------------------
# Running and timing processes


@dataclass
class Command:
    label: str
    argv: list[str]
    needs: str | None = None  # a subcommand that must exist (``hedong <needs> --help`` succeeds)
    pty: tuple[int, int] | None = None  # (rows, columns): stdout is a terminal of that size, not /dev/null
    before_each: Callable[[], None] | None = None  # untimed set-up before every run (e.g. a fresh journal copy)
    env: dict[str, str] = field(default_factory=dict)
    note: str = ""


@dataclass
class Result:
    scale: str
    label: str
    times_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    skipped: str = ""
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench_env(catalogue: Path, journal: Path, **extra: str) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE would make every run compile hedong from source, which no installed copy does.
    dropped = ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEDONG_") and k not in dropped}
    env.update(
        HEDONG_TODAY=TODAY.isoformat(),
        HEDONG_DATA=str(catalogue),
        HEDONG_DB=str(journal),
        HEDONG_CACHE_DIR=str(WORK_DIR / "cache"),
        HEDONG_USER="bench",
        HEDONG_LANG="zh",
    )
    env.update(extra)
    return env


def gnu_time() -> str | None:
    """/usr/bin/time when it is GNU time (``-f %M -o FILE``), else None."""
    if not Path("/usr/bin/time").exists():
        return None
    probe = WORK_DIR / "time-probe.txt"
    done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(probe), "true"], capture_output=True)
    return "/usr/bin/time" if done.returncode == 0 and probe.read_text().strip().isdigit() else None


def run_once(
    argv: list[str], env: dict[str, str], errors: Path, timer: str | None, pty_size: tuple[int, int] | None = None
) -> tuple[float, float, int, int]:
    """Wall time and CPU time (user + system) in ms, peak RSS in KiB and exit status of one process.

    stdout goes to /dev/null, or with ``pty_size`` to a pseudo-terminal of that many rows and columns, read
    until the process closes it (as a terminal emulator would; the time includes drawing). CPU time includes
    the command's own children (``wait4`` counts reaped descendants), and is steadier than wall time when other
    work shares the machine.

    Linux carries a process's peak RSS across exec, so a child forked from this (large) Python process reports
    at least this process's RSS in ``ru_maxrss``. GNU time is small, so when it exists it starts the command and
    reports its peak RSS; otherwise ``os.wait4`` does, and the figures are floored at this process's RSS.
    """
    rss_file = WORK_DIR / "rss.txt"
    if timer:
        argv = [timer, "-f", "%M", "-o", str(rss_file), *argv]
    with errors.open("wb") as err:
        terminal = open_terminal(*pty_size) if pty_size else None
        started = time.perf_counter()
        stdout: Any = terminal[1] if terminal else subprocess.DEVNULL
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=err, env=env)
        if terminal:
            os.close(terminal[1])
            drain(terminal[0])
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter() - started) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4; keep Popen from waiting again
    if timer:
        rss = int(rss_file.read_text().strip().splitlines()[-1])
    else:
        # ru_maxrss is in KiB on Linux, in bytes on macOS.
        rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return elapsed, (usage.ru_utime + usage.ru_stime) * 1000, rss, proc.returncode


def open_terminal(rows: int, columns: int) -> tuple[int, int]:
    """A pseudo-terminal (controller, terminal) whose window is ``rows`` × ``columns``."""
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return controller, terminal


def drain(controller: int) -> None:
    """Read a pseudo-terminal until every process writing to it has closed it."""
    try:
        while os.read(controller, 65536):
            pass
    except OSError:  # EIO: the other side is closed
        pass
    finally:
        os.close(controller)


def measure(
    scale: str, chosen: list[Command], env: dict[str, str], runs: int, hedong: Path, timer: str | None
) -> list[Result]:
    """Time every command ``runs`` times after one warm-up each, in rounds (A B C, A B C, ...), so that a burst
    of load from elsewhere falls on all commands, the ``python -c pass`` floor included, rather than on one."""
    results = {command.label: Result(scale, command.label, note=command.note) for command in chosen}
    live = []
    for command in chosen:
        if command.needs and not subcommand_exists(hedong, command.needs, env):
            results[command.label].skipped = f"`hedong {command.needs}` does not exist yet"
        else:
            live.append(command)
    errors = WORK_DIR / "stderr.txt"
    for attempt in range(runs + 1):  # round 0 warms caches and is not counted
        for command in list(live):
            result = results[command.label]
            if command.before_each:
                command.before_each()
            elapsed, cpu, rss, code = run_once(command.argv, {**env, **command.env}, errors, timer, command.pty)
            if code != 0:
                first = (errors.read_text(encoding="utf-8", errors="replace").strip().splitlines() or [""])[0]
                result.skipped = f"exit {code}: {first[:120]}"
                result.times_ms.clear()
                live.remove(command)
            elif attempt:
                result.times_ms.append(elapsed)
                result.cpu_ms.append(cpu)
                result.rss_kib.append(rss)
    for result in results.values():
        if result.skipped:
            log(f"[{scale}] {result.label:<32} skipped: {result.skipped}")
        else:
            log(
                f"[{scale}] {result.label:<32} median {result.median:8.1f} ms  min {min(result.times_ms):8.1f}  "
                f"max {max(result.times_ms):8.1f}  cpu {statistics.median(result.cpu_ms):8.1f}  "
                f"rss {max(result.rss_kib) / 1024:6.1f} MiB"
            )
    return list(results.values())


RSS_SOURCES = {True: "GNU time (`/usr/bin/time -f %M`)", False: "os.wait4 (floored at the harness's own RSS)"}
_subcommands: dict[str, bool] = {}


def subcommand_exists(hedong: Path, name: str, env: dict[str, str]) -> bool:
    if name not in _subcommands:
        probe = subprocess.run([str(hedong), name, "--help"], capture_output=True, env=env)
        _subcommands[name] = probe.returncode == 0
    return _subcommands[name]


def interpreter_of(script: Path) -> str:
    """The Python that runs the ``hedong`` console script (its shebang), for the ``python -c pass`` floor."""
    try:
        first = script.read_bytes().split(b"\n", 1)[0].decode()
    except OSError:
        return sys.executable
    if first.startswith("#!") and "python" in first:
        return first[2:].strip().split()[0]
    return sys.executable


def find_hedong(explicit: str | None) -> Path:
    found = explicit or shutil.which("hedong") or str(Path(sys.executable).with_name("hedong"))
    path = Path(found)
    if not path.exists():
        raise SystemExit("hedong is not installed: activate its venv or pass --hedong PATH")
    return path


# ---------------------------------------------------------------------------------------------------------------
# The commands of each scale


def fresh_copy(source: Path, target: Path) -> Callable[[], None]:
    def copy() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, target)

    return copy


def clear_dir(folder: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def ledger(data: Dataset, hedong: Path, env: dict[str, str]) -> Path | None:
    """A filled 5,000-row ledger: ``hedong export`` of sections 1-20 at L, with every 本期 column filled in.

    None while ``hedong export`` does not exist or fails (the import row is then skipped with a note).
    """
    path = WORK_DIR / data.scale.name / f"ledger-{LEDGER_ROWS}-filled.csv"
    if path.exists():
        return path
    if not subcommand_exists(hedong, "export", env):
        return None
    exported = path.with_name(f"ledger-{LEDGER_ROWS}-exported.csv")
    sections = [arg for number in range(1, LEDGER_ROWS // 250 + 1) for arg in ("--section", str(number))]
    done = subprocess.run([str(hedong), "export", str(exported), *sections], capture_output=True, text=True, env=env)
    if done.returncode != 0 or not exported.exists():
        log(f"[{data.scale.name}] could not build the ledger with hedong export: {done.stderr.strip()[:200]}")
        return None
    with exported.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    header, body = rows[0], rows[1:]
    column = {name: index for index, name in enumerate(header)}
    for number, row in enumerate(body):
        row[column["本期状态"]] = "推进中"
        row[column["本期进展情况"]] = f"第48周报送（bench {number}）"
        if row[column["目标"]] and row[column["单位(计量)"]]:
            row[column["本期数值"]] = str(number % 97 + 1)
    temp = path.with_suffix(".partial")
    with temp.open("w", encoding="utf-8-sig", newline="") as target:
        csv.writer(target).writerows([header, *body])
    os.replace(temp, path)
    log(f"[{data.scale.name}] ledger of {len(body):,} rows: {path.name}")
    return path


def taskwarrior_data(data: Dataset) -> Path | None:
    """A Taskwarrior database holding one pending task per catalogue task (title, section as project); its taskrc.

    None when Taskwarrior (``task``) is not installed. Built once per scale under ``bench/work``.
    """
    global TASKWARRIOR_VERSION
    if shutil.which("task") is None:
        return None
    TASKWARRIOR_VERSION = subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()
    folder = WORK_DIR / data.scale.name / "taskwarrior"
    taskrc = folder / "taskrc"
    if taskrc.exists():
        return taskrc
    from hedong_cli.catalogue.model import load_catalog

    shutil.rmtree(folder, ignore_errors=True)  # what an interrupted build left
    folder.mkdir(parents=True)
    tasks = load_catalog(data.catalogue).tasks
    rows = [{"description": task.title, "project": f"s{task.id.split('.')[0]}", "status": "pending"} for task in tasks]
    listing = folder / "tasks.json"
    listing.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    building = folder / "taskrc.partial"  # the taskrc appears only once the tasks are in
    building.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nnews.version={TASKWARRIOR_VERSION}\n")
    done = subprocess.run(
        ["task", "import", str(listing)], capture_output=True, text=True, env={**os.environ, "TASKRC": str(building)}
    )
    if done.returncode != 0:
        log(f"[{data.scale.name}] Taskwarrior import failed: {done.stderr.strip()[:200]}")
        return None
    os.replace(building, taskrc)
    return taskrc


def commands(data: Dataset, hedong: Path, python: str, env: dict[str, str]) -> list[Command]:
    h = str(hedong)
    work = WORK_DIR / data.scale.name
    update_db = work / "update.sqlite"
    out: list[Command] = [
        Command("python -c pass", [python, "-c", "pass"]),
        Command("--version", [h, "--version"]),
        Command("--help", [h, "--help"]),
        Command("status", [h, "status"], note="the overview, 80 columns, to a file (rich)"),
        Command(PTY_STATUS, [h, "status"], pty=PTY_SIZE, note="the overview as a person sees it: a terminal, colour"),
        Command("status --all", [h, "status", "--all"], note="every task, 80 columns, to a file (rich)"),
        Command(
            "completion (task ids)",
            [h],
            env={"_HEDONG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": f"hedong show {data.show_id[:3]}"},
            note=f"zsh completing `hedong show {data.show_id[:3]}`",
        ),
        Command("import rich", [python, "-c", "import rich.console, rich.table, rich.text"], note="the import alone"),
        Command("status --format json", [h, "status", "--format", "json"]),
        Command(
            "status --format json (no cache)",
            [h, "status", "--format", "json"],
            before_each=clear_dir(work / "cold-cache"),
            env={"HEDONG_CACHE_DIR": str(work / "cold-cache")},
            note="catalogue cache emptied before each run",
        ),
        Command(f"show {data.show_id}", [h, "show", data.show_id]),
        Command(
            "update",
            [h, "update", data.update_id, "--value", "350", "--db", str(update_db)],
            note=f"`update {data.update_id} --value 350` on one copy of the journal (grows by one entry per run)",
        ),
        Command("brief --format md", [h, "brief", "--format", "md"], needs="brief"),
    ]
    taskwarrior = taskwarrior_data(data)
    if taskwarrior:
        out.insert(
            1,
            Command(
                "task list (Taskwarrior)",
                ["task", "list"],
                env={"TASKRC": str(taskwarrior)},
                note=f"the reference: Taskwarrior {TASKWARRIOR_VERSION} listing the same {data.task_count:,} tasks",
            ),
        )
    if data.scale.name == "S":
        out.append(
            Command(
                "brief --format docx",
                [h, "brief", "--format", "docx", "-o", str(work / "brief.docx")],
                needs="brief",
            )
        )
    out.append(Command("export csv", [h, "export", str(work / "export.csv")], needs="export", note="every task"))
    if data.scale.name in ("S", "M"):
        out.append(Command("export xlsx", [h, "export", str(work / "export.xlsx")], needs="export"))
    if data.scale.name == "L":
        ledger_path = ledger(data, hedong, env)
        import_db = work / "import.sqlite"
        out.append(
            Command(
                f"import ({LEDGER_ROWS:,}-row ledger)",
                [h, "import", str(ledger_path or work / "missing.csv"), "--yes", "--db", str(import_db)],
                needs="import" if ledger_path else "export",
                before_each=fresh_copy(data.journal, import_db),
                note="sections 1-20 exported, 本期 columns filled; into a fresh copy of the journal each run",
            )
        )
    # The update runs share one copy, made once per harness run so cached journals stay pristine.
    fresh_copy(data.journal, update_db)()
    return out


# ---------------------------------------------------------------------------------------------------------------
# Query plan and in-process probes of Journal.latest


def latest_timings(journal: Journal, catalog_key: str, ids: list[str]) -> dict[str, float]:
    """Best of 3 runs of ``Journal.latest`` for the first 100 tasks and for all of them, in ms (either backend)."""
    timings = {}
    for label, chosen in (("100 tasks", ids[:100]), ("all tasks", ids)):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            journal.latest(catalog_key, TODAY, chosen)
            best = min(best, time.perf_counter() - started)
        timings[label] = best * 1000
    return timings


def latest_probe(data: Dataset) -> dict[str, object]:
    """The query plan of ``Journal.latest`` and its in-process time for 100 tasks and for all tasks."""
    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.journal import SQLiteJournal

    catalog = load_catalog(data.catalogue)
    ids = [task.id for task in catalog.tasks]
    statements: list[str] = []
    with SQLiteJournal.for_reading(data.journal) as journal:
        conn = journal._conn
        assert conn is not None
        conn.set_trace_callback(statements.append)
        journal.latest(catalog.key, TODAY, ids[:3])
        conn.set_trace_callback(None)
        query = next(s for s in statements if "json_each" in s and "ids.value" in s)
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {query}")]
        timings = latest_timings(journal, catalog.key, ids)
    return {"plan": plan, "timings": timings, "tasks": len(ids)}


# ---------------------------------------------------------------------------------------------------------------
# PostgreSQL beside SQLite (--pg)

PG_UNIT, PG_UNIT_ROLE, PG_UNIT_PASSWORD = "区商务局", "bench_shangwu", "bench-unit-password"


def pg_url_for(admin: str, dbname: str, user: str | None = None, password: str | None = None) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(admin)
    netloc = parts.netloc if user is None else f"{user}:{password}@{parts.netloc.rsplit('@', 1)[-1]}"
    return urlunsplit((parts.scheme, netloc, f"/{dbname}", parts.query, ""))


def pg_prepare(data: Dataset, hedong: Path, admin: str, notes: list[str]) -> str:
    """The scale's journal on the server: a database of its own, filled once with ``hedong db copy`` (timed)."""
    import psycopg

    dbname = f"hedong_bench_{data.scale.name.lower()}_{data.entry_count}"
    url = pg_url_for(admin, dbname)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{dbname}"')  # our own generated name
    env = bench_env(data.catalogue, data.journal)
    count = 0
    with contextlib.suppress(psycopg.Error), psycopg.connect(url, autocommit=True) as conn:
        count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]  # type: ignore[index]
    if count < data.entry_count:
        if count:
            raise SystemExit(f"{dbname} holds {count} entries, fewer than the journal's: drop it and rerun")
        subprocess.run([str(hedong), "db", "init", url], check=True, env=env, capture_output=True)
        started = time.perf_counter()
        done = subprocess.run([str(hedong), "db", "copy", str(data.journal), url], env=env, capture_output=True)
        if done.returncode:
            raise SystemExit(f"hedong db copy failed: {done.stderr.decode()[:300]}")
        seconds = time.perf_counter() - started
        log(f"[{data.scale.name}] db copy into {dbname}: {seconds:.1f} s")
        notes.append(f"{data.scale.name}: `hedong db copy` of {data.entry_count:,} entries took {seconds:.1f} s")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE entries")
    if data.scale.name == "S":
        # A unit role whose update passes row-level security, as a liaison's would.
        office = bench_env(data.catalogue, data.journal, HEDONG_DB=url)
        subprocess.run([str(hedong), "assign", data.update_id, "--lead", PG_UNIT], env=office, capture_output=True)
        subprocess.run(
            [str(hedong), "db", "grant", PG_UNIT, "--role", PG_UNIT_ROLE, "--password-stdin"],
            input=f"{PG_UNIT_PASSWORD}\n".encode(),
            env=office,
            capture_output=True,
            check=True,
        )
    return url


def pg_commands(data: Dataset, hedong: Path, url: str, admin: str) -> list[Command]:
    h = str(hedong)
    env = {"HEDONG_DB": url}
    out = [
        Command("status --format json [pg]", [h, "status", "--format", "json"], env=env),
        Command(f"show {data.show_id} [pg]", [h, "show", data.show_id], env=env),
        Command(
            "update [pg]",
            [h, "update", data.update_id, "--value", "350"],
            env=env,
            note="as the office (owner); the database grows by one entry per run",
        ),
    ]
    if data.scale.name == "S":
        out.insert(0, Command("status [pg]", [h, "status"], env=env, note="table, 80 columns (piped)"))
        unit_url = pg_url_for(admin, url.rsplit("/", 1)[1], PG_UNIT_ROLE, PG_UNIT_PASSWORD)
        out.append(
            Command(
                "update [pg, unit role]",
                [h, "update", data.update_id, "--value", "351"],
                env={"HEDONG_DB": unit_url},
                note=f"as {PG_UNIT}'s role: the may-write check and row-level security on every insert",
            )
        )
    return out


def pg_latest_probe(data: Dataset, url: str) -> dict[str, object]:
    """EXPLAIN of ``Journal.latest`` on the server and its in-process time for 100 tasks and for all tasks."""
    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.journal.postgres import PostgresJournal

    catalog = load_catalog(data.catalogue)
    ids = [task.id for task in catalog.tasks]
    with PostgresJournal.for_reading(url, os.environ) as journal:
        seen: list[tuple[str, object]] = []
        rows = journal._rows

        def record(sql: str, params: object = None) -> list[tuple[object, ...]]:
            seen.append((sql, params))
            return rows(sql, params)  # type: ignore[arg-type]

        journal._rows = record  # type: ignore[method-assign]
        journal.latest(catalog.key, TODAY, ids[:3])
        journal._rows = rows  # type: ignore[method-assign]
        sql, params = next(item for item in seen if "unnest" in item[0])
        assert journal._conn is not None
        setting, _, query = sql.rpartition("; ")  # the query's own SET LOCAL, if any, stays in front of the EXPLAIN
        explain = f"{setting}; " if setting else ""
        plan = [row[0] for row in journal._rows(f"{explain}EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {query}", params)]
        timings = latest_timings(journal, catalog.key, ids)
        version = next(iter(journal._rows("SHOW server_version")), None)
    return {"plan": plan, "timings": timings, "tasks": len(ids), "server": version[0] if version else "?"}


def pg_lines(probes: dict[str, dict[str, object]], notes: list[str], results: list[Result]) -> list[str]:
    if not probes and not notes:
        return []
    lines = ["", "### PostgreSQL beside SQLite", ""]
    ratios = []
    for scale in dict.fromkeys(r.scale for r in results):
        found = {r.label: r for r in results if r.scale == scale and r.times_ms}
        for label in ("status --format json", "update"):
            if label in found and f"{label} [pg]" in found:
                ratio = found[f"{label} [pg]"].median / found[label].median
                ratios.append(
                    f"| {scale} | `{label}` | {found[label].median:.0f} | {found[f'{label} [pg]'].median:.0f} |"
                    f" {ratio:.2f} |"
                )
    if ratios:
        lines += [
            "| scale | command | SQLite ms | PostgreSQL ms | PG / SQLite |",
            "|---|---|---:|---:|---:|",
            *ratios,
            "",
        ]
    lines += [f"- {note}" for note in notes]
    if probes:
        table, scale, last = probe_table(probes)
        lines += [
            "",
            *table,
            "",
            f"`EXPLAIN ANALYZE` of `Journal.latest` for 3 tasks on PostgreSQL {last['server']} (scale {scale}):",
            "",
            "```",
            *last["plan"],  # type: ignore[misc]
            "```",
        ]
    return lines


def probe_table(probes: dict[str, dict[str, object]]) -> tuple[list[str], str, dict[str, object]]:
    """The ``Journal.latest`` probe table (either backend), with the last scale and its probe (for its plan)."""
    lines = [
        "| scale | tasks | entries | 100 tasks ms | all tasks ms | µs per task (all) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for scale, probe in probes.items():
        timings = probe["timings"]
        assert isinstance(timings, dict)
        tasks = int(str(probe["tasks"]))
        lines.append(
            f"| {scale} | {tasks:,} | {probe['entries']:,} | {timings['100 tasks']:.1f} | {timings['all tasks']:.1f} |"
            f" {timings['all tasks'] * 1000 / tasks:.0f} |"
        )
    return lines, scale, probe


# ---------------------------------------------------------------------------------------------------------------
# Machine description and the report


def machine() -> list[str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    free = ""
    if shutil.which("free"):
        free = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.rstrip()
    versions = []
    for name in ("hedong", "typer", "click", "rich", "PyYAML", "platformdirs", "python-docx", "openpyxl", "pydantic"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    lines = [
        f"- CPU: {cpu}; `nproc`: {cores}",
        f"- OS: {platform.platform()}",
        f"- Python: {platform.python_version()} ({sys.executable}); SQLite {sqlite3.sqlite_version}",
        f"- Packages: {', '.join(versions)}",
    ]
    if free:
        lines += ["- `free -h`:", "", "```", free, "```", ""]
    return lines


def verdict(scale: str, result: Result, floor: float | None) -> str:
    checks = []
    target = TIME_TARGETS.get((scale, result.label))
    if target:
        limit_ms, limit_ratio = target
        ok, parts = True, []
        if limit_ms is not None:
            ok = result.median <= limit_ms
            parts.append(f"≤ {limit_ms:g} ms")
        if limit_ratio is not None and floor:
            ok = ok and result.median / floor <= limit_ratio
            parts.append(f"≤ {limit_ratio:g}×")
        checks.append(f"{' and '.join(parts)}: {'met' if ok else '**missed**'}")
    rss_limit = RSS_TARGETS_MIB.get((scale, result.label))
    if rss_limit:
        ok = max(result.rss_kib) / 1024 <= rss_limit
        checks.append(f"RSS ≤ {rss_limit:g} MiB: {'met' if ok else '**missed**'}")
    return "; ".join(checks)


def table(results: list[Result], datasets: dict[str, Dataset]) -> list[str]:
    lines = []
    for scale in dict.fromkeys(r.scale for r in results):
        rows = [r for r in results if r.scale == scale]
        data = datasets[scale]
        floor = next((r.median for r in rows if r.label == "python -c pass" and r.times_ms), None)
        cpu_floor = next((statistics.median(r.cpu_ms) for r in rows if r.label == "python -c pass" and r.cpu_ms), None)
        lines += [
            "",
            f"### {scale}: {data.task_count:,} tasks, {data.entry_count:,} entries "
            f"({len(rows[0].times_ms) or data.scale.runs} runs each)",
            "",
            "| command | median ms | min ms | max ms | × floor | CPU ms | CPU × floor | peak RSS MiB | target "
            "| notes |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
        ]
        for r in rows:
            if r.skipped:
                lines.append(f"| `{r.label}` | — | — | — | — | — | — | — | | skipped: {r.skipped} |")
                continue
            ratio = f"{r.median / floor:.1f}" if floor else ""
            cpu = statistics.median(r.cpu_ms)
            cpu_ratio = f"{cpu / cpu_floor:.1f}" if cpu_floor else ""
            lines.append(
                f"| `{r.label}` | {r.median:.0f} | {min(r.times_ms):.0f} | {max(r.times_ms):.0f} | {ratio} | "
                f"{cpu:.0f} | {cpu_ratio} | {max(r.rss_kib) / 1024:.1f} | {verdict(scale, r, floor)} | {r.note} |"
            )
    return lines


def probe_lines(probes: dict[str, dict[str, object]]) -> list[str]:
    if not probes:
        return []
    table, scale, last = probe_table(probes)
    plan = list(last["plan"])  # type: ignore[call-overload]
    lines = ["", "### `Journal.latest` in process (best of 3)", "", *table]
    lines += ["", f"Query plan of `Journal.latest` (scale {scale}):", "", "```", *plan, "```"]
    return lines


def rich_probe_lines(datasets: dict[str, Dataset]) -> list[str]:
    """In process: what rich costs to draw ``status --all`` per 100 rows (best of 5, after a warm-up)."""
    import io

    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.render.terminal import status_tables
    from hedong_cli.tracking.progress import build_report

    if "S" not in datasets:
        return []
    catalog = load_catalog(datasets["S"].catalogue)
    report = build_report(catalog, {}, TODAY)
    lines = ["", "### rich in process (best of 5)", "", "| table | rows | ms | ms per 100 rows |"]
    lines.append("|---|---:|---:|---:|")
    for width in (80, 120):
        best = float("inf")
        for _ in range(6):
            started = time.perf_counter()
            status_tables(report, io.StringIO(), width, environ={})
            best = min(best, (time.perf_counter() - started) * 1000)
        rows = len(report.views)
        lines.append(f"| `status --all`, {width} columns | {rows} | {best:.1f} | {best * 100 / rows:.1f} |")
    return lines


def write_results(path: Path, body: list[str]) -> None:
    write_between(path, BEGIN, END, body)


def write_between(path: Path, begin: str, end: str, body: list[str], heading: str = "") -> None:
    """Replace what lies between the ``begin`` and ``end`` markers of ``path`` (appended, under ``heading``,
    when the markers are missing); the rest of the file is kept."""
    block = "\n".join([begin, *body, "", end])
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + (f"## {heading}\n\n" if heading else "") + block + "\n"
    tmp = path.with_suffix(".partial")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# ---------------------------------------------------------------------------------------------------------------
# Instructions: what each command executes, counted by valgrind (python bench/bench.py --instructions)

INSTR_BEGIN, INSTR_END = "<!-- bench:instructions:begin -->", "<!-- bench:instructions:end -->"


def count_instructions(argv: list[str], env: dict[str, str]) -> int:
    """Instructions one run of ``argv`` executes (valgrind's callgrind, children not followed).

    Unlike time, the count does not depend on what else runs on the machine: on a shared machine it is the
    figure to compare between versions. It does count differently from time (start-up's system calls and
    page faults are cheap in instructions), so its ratios to the floor are not the time ratios.
    """
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"valgrind failed on {argv}: {done.stderr[-500:]}")
    return int(found.group(1))


def instructions(data: Dataset, hedong: Path, python: str, only: str | None, pg: str | None = None) -> list[str]:
    """One table: instructions of each command at S (after one untimed warm-up run), and the ratio to the floor.

    With ``pg`` (a server's URL, as for ``--pg``) the journal commands are counted on that server too."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind")
    env = bench_env(data.catalogue, data.journal)
    listed = commands(data, hedong, python, env)
    if pg:
        listed += pg_commands(data, hedong, pg_prepare(data, hedong, pg, []), pg)
    rows = []
    for command in listed:
        if command.pty or (only and command.label != "python -c pass" and not re.search(only, command.label)):
            continue
        if command.needs and not subcommand_exists(hedong, command.needs, env):
            continue
        for _ in range(2):  # the first run warms the catalogue cache and writes the .pyc files
            if command.before_each:
                command.before_each()
            count = count_instructions(command.argv, {**env, **command.env})
        rows.append((command.label, count))
        log(f"[{data.scale.name}] {command.label:<32} {count / 1e6:10.1f} M instructions")
    floor = rows[0][1]
    lines = [
        "",
        f"Run on {date.today().isoformat()} with `{' '.join(['python bench/bench.py', *sys.argv[1:]])}`: each command "
        f"once at {data.scale.name} under `valgrind --tool=callgrind`, after one warm-up run.",
        "",
        "| command | M instructions | × floor |",
        "|---|---:|---:|",
    ]
    lines += [f"| `{label}` | {count / 1e6:.1f} | {count / floor:.1f} |" for label, count in rows]
    return lines


# ---------------------------------------------------------------------------------------------------------------
# Import limits: a 100,000-row ledger and a zip bomb (python bench/bench.py --import-limits)

IMPORT_ROWS = 100_000
BOMB_MIB = 1024  # uncompressed size of the bomb's one sheet
IMPORT_BEGIN, IMPORT_END = "<!-- bench:import-limits:begin -->", "<!-- bench:import-limits:end -->"


def filled_ledgers(hedong: Path, env: dict[str, str], folder: Path) -> tuple[Path, Path]:
    """The whole 100,000-task catalogue exported as CSV, every 本期 column filled; the same rows as one xlsx sheet."""
    csv_path, xlsx_path = folder / f"ledger-{IMPORT_ROWS}-filled.csv", folder / f"ledger-{IMPORT_ROWS}-filled.xlsx"
    if csv_path.exists() and xlsx_path.exists():
        return csv_path, xlsx_path
    exported = folder / f"ledger-{IMPORT_ROWS}-exported.csv"
    subprocess.run([str(hedong), "export", str(exported)], env=env, check=True, capture_output=True)
    with exported.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    column = {name: index for index, name in enumerate(rows[0])}
    for number, row in enumerate(rows[1:]):
        row[column["本期状态"]] = "推进中"
        row[column["本期进展情况"]] = f"第48周报送（bench {number}）"
        if row[column["目标"]] and row[column["单位(计量)"]]:
            row[column["本期数值"]] = str(number % 97 + 1)
    with csv_path.open("w", encoding="utf-8-sig", newline="") as target:
        csv.writer(target).writerows(rows)
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    for row in rows:
        sheet.append([cell if cell != "" else None for cell in row])
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def zip_bomb(path: Path) -> Path:
    """An xlsx of about 1 MiB whose one sheet inflates to ``BOMB_MIB`` MiB of cells, sizes declared honestly."""
    if path.exists():
        return path
    import zipfile

    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 4096
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(BOMB_MIB * MIB // len(row)):
                sheet.write(row)
    return path


def import_limits(hedong: Path, python: str, runs: int) -> list[str]:
    """Peak RSS and time of importing a 100,000-row ledger, and of refusing a zip bomb, as Markdown lines."""
    folder = WORK_DIR / "import-limits"
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = folder / f"catalogue-{IMPORT_ROWS}.yaml"
    if not catalogue.exists():
        catalogue.write_text(catalogue_yaml(IMPORT_ROWS, seed=IMPORT_ROWS), encoding="utf-8")
    empty = folder / "empty.sqlite"
    env = bench_env(catalogue, folder / "import.sqlite")
    subprocess.run([str(hedong), "check"], env=env, check=True, capture_output=True)  # fills the catalogue cache
    csv_path, xlsx_path = filled_ledgers(hedong, env, folder)
    bomb = zip_bomb(folder / "bomb.xlsx")
    shipped = bench_env(SHIPPED_CATALOG, folder / "shipped.sqlite")
    h = str(hedong)
    cases: list[tuple[str, list[str], dict[str, str], int, Callable[[], None] | None]] = [
        ("python -c pass", [python, "-c", "pass"], env, 0, None),
        (f"status --format json ({IMPORT_ROWS:,} tasks, no import)", [h, "status", "--format", "json"], env, 0, None),
        (f"import --dry-run, {IMPORT_ROWS:,}-row xlsx", [h, "import", str(xlsx_path), "--dry-run"], env, 0, None),
        (
            f"import --yes, {IMPORT_ROWS:,}-row csv (writes {IMPORT_ROWS:,} entries)",
            [h, "import", str(csv_path), "--yes"],
            env,
            0,
            fresh_copy(empty, folder / "import.sqlite"),
        ),
        (
            f"import --dry-run, {IMPORT_ROWS:,}-row xlsx, shipped catalogue (every row refused)",
            [h, "import", str(xlsx_path), "--dry-run"],
            shipped,
            2,
            None,
        ),
        (
            f"import of a zip bomb ({bomb.stat().st_size / MIB:.1f} MiB -> {BOMB_MIB} MiB)",
            [h, "import", str(bomb)],
            env,
            2,
            None,
        ),
    ]
    if not empty.exists():
        sqlite3.connect(empty).close()
    errors = WORK_DIR / "stderr.txt"
    timer = gnu_time()
    lines = [
        "",
        f"Run on {date.today().isoformat()} with `python bench/bench.py --import-limits --runs {runs}`; peak RSS from "
        f"{RSS_SOURCES[bool(timer)]}; the machine is shared, so wall times drift, CPU times less.",
        "",
        "| case | exit | median wall | median CPU | ratio to `python -c pass` | peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    floor = None
    for label, argv, case_env, expected, before in cases:
        walls, cpus, rsss = [], [], []
        code = 0
        for _ in range(runs):
            if before:
                before()
            wall, cpu, rss, code = run_once(argv, case_env, errors, timer)
            if code != expected:
                first = errors.read_text(encoding="utf-8", errors="replace").strip()[:200]
                raise SystemExit(f"{label}: exit {code}, expected {expected}: {first}")
            walls.append(wall)
            cpus.append(cpu)
            rsss.append(rss)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        floor = floor or wall
        log(f"[import-limits] {label:<60} {wall:9.0f} ms  cpu {cpu:9.0f}  rss {max(rsss) / 1024:6.1f} MiB")
        lines.append(
            f"| {label} | {code} | {wall / 1000:.2f} s | {cpu / 1000:.2f} s | {wall / floor:.0f}x"
            f" | {max(rsss) / 1024:.0f} MiB |"
        )
    return lines


def write_import_limits(path: Path, body: list[str]) -> None:
    write_between(path, IMPORT_BEGIN, IMPORT_END, body, heading="Import limits")


# ---------------------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scales", default="S,M,L", help="comma-separated scales to run (default S,M,L)")
    parser.add_argument(
        "--runs", default=None, help="runs per command: one number for all scales, or one per scale (e.g. 7,5,3)"
    )
    parser.add_argument("--only", default=None, help="run only commands whose label matches this regular expression")
    parser.add_argument("--hedong", default=None, help="the hedong executable (default: the one on PATH)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown file to update (bench/RESULTS.md)")
    parser.add_argument("--no-write", action="store_true", help="print the table instead of updating --output")
    parser.add_argument("--no-probe", action="store_true", help="skip the in-process Journal.latest probe")
    parser.add_argument(
        "--import-limits",
        action="store_true",
        help=f"only the import limits: a {IMPORT_ROWS:,}-row ledger and a zip bomb (--runs, default 1)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="only instruction counts at S under valgrind (independent of the machine's load); --only applies",
    )
    parser.add_argument(
        "--pg",
        default=os.environ.get("HEDONG_BENCH_PG"),
        help="a PostgreSQL server (URL of a role that may create databases): run the journal commands there too",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    names = [name.strip().upper() for name in args.scales.split(",") if name.strip()]
    unknown = [name for name in names if name not in SCALES]
    if unknown:
        raise SystemExit(f"unknown scale(s): {', '.join(unknown)} (choose from S, M, L)")
    runs = [int(n) for n in args.runs.split(",")] if args.runs else None
    if runs and len(runs) not in (1, len(names)):
        raise SystemExit("--runs takes one number, or one per scale")
    hedong = find_hedong(args.hedong)
    python = interpreter_of(hedong)
    sys.path.insert(0, str(ROOT))  # hedong_cli for generation, when this interpreter does not have it installed
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    if args.import_limits:
        body = import_limits(hedong, python, runs[0] if runs else 1)
        if args.no_write:
            print("\n".join(body))
        else:
            write_import_limits(args.output, body)
        return
    if args.instructions:
        body = instructions(prepare(SCALES["S"], hedong), hedong, python, args.only, args.pg)
        if args.no_write:
            print("\n".join(body))
        else:
            write_between(args.output, INSTR_BEGIN, INSTR_END, body, heading="Instructions (issue 22)")
        return
    timer = gnu_time()
    log(f"hedong: {hedong}\nfloor:  {python} -c pass\npeak RSS from: {timer or 'os.wait4'}")
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    started = time.perf_counter()
    results: list[Result] = []
    datasets: dict[str, Dataset] = {}
    probes: dict[str, dict[str, object]] = {}
    pg_probes: dict[str, dict[str, object]] = {}
    pg_notes: list[str] = []
    for position, name in enumerate(names):
        scale = SCALES[name]
        if runs:
            scale = Scale(scale.name, scale.tasks, scale.entries, runs[0] if len(runs) == 1 else runs[position])
        data = prepare(scale, hedong)
        datasets[name] = data
        env = bench_env(data.catalogue, data.journal)
        listed = commands(data, hedong, python, env)
        if args.pg:
            pg_url = pg_prepare(data, hedong, args.pg, pg_notes)
            listed += pg_commands(data, hedong, pg_url, args.pg)
        chosen = [
            command
            for command in listed
            if not args.only or command.label == "python -c pass" or re.search(args.only, command.label)
        ]
        results += measure(name, chosen, env, scale.runs, hedong, timer)
        if not args.no_probe:
            probes[name] = {**latest_probe(data), "entries": data.entry_count}
            if args.pg:
                pg_probes[name] = {**pg_latest_probe(data, pg_url), "entries": data.entry_count}
    elapsed = time.perf_counter() - started
    load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
    body = [
        "",
        f"Run on {date.today().isoformat()} in {elapsed / 60:.1f} min with "
        f"`{' '.join(['python bench/bench.py', *sys.argv[1:]])}`"
        f"; `HEDONG_TODAY={TODAY.isoformat()}`.",
        f"Load average (1 min) before/after: {f'{load_before[0]:.2f}' if load_before else '?'} / "
        f"{f'{load_after[0]:.2f}' if load_after else '?'}.",
        "",
        *machine(),
        f"- Peak RSS measured with {RSS_SOURCES[bool(timer)]}.",
        *table(results, datasets),
        *probe_lines(probes),
        *rich_probe_lines(datasets),
        *pg_lines(pg_probes, pg_notes, results),
    ]
    (WORK_DIR / "last-run.json").write_text(
        json.dumps([r.__dict__ for r in results], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    if args.no_write:
        print("\n".join(body))
    else:
        write_results(args.output, body)
        log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
