"""A realistic journal on the shipped catalogue, for the 通报's page tests and ``docs/render.sh``.

The office as it might stand on 2026-11-26: every task assigned to one of a dozen units (a task's
own lead in the catalogue where it names one), about half the tasks reported from April on, a
third of those behind (low figures, 受阻, a missed plan node), plans with nodes and a moved
deadline, long notes, and units that did not report in the last weeks. Deterministic: a seeded
random generator, so the rendered pages are the same on every run.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from hedong_cli.catalog import load_catalog
from hedong_cli.journal import SQLiteJournal
from hedong_cli.plans import Node, Plan
from tests.conftest import CATALOG

UNITS = (
    "区发展改革委", "区商务局", "区科技局", "区工业和信息化局", "区教育局", "区卫生健康委",
    "区住房和建设委", "区城市管理委", "区人力资源和社会保障局", "区民政局", "区文化和旅游局", "区生态环境局",
)  # fmt: skip
NOTES = (
    "已完成年度工作方案制定，正按节点推进",
    "召开专题推进会，协调解决场地和资金问题",
    "项目已完成立项，正在开展前期手续办理",
    "已与相关企业签约，正在推进落地",
    "主体工程已完工，正在进行竣工验收准备",
    "受资金拨付进度影响，部分工作推迟",
    "已组织实施，累计服务群众逾千人次，群众反映良好，下一步将扩大覆盖范围并完善长效机制",
)
FIRST_REPORT = date(2026, 4, 1)
LAST_DAY = date(2026, 11, 26)


def record_realistic(db: Path, seed: int = 2026) -> None:
    catalog = load_catalog(CATALOG)
    rng = random.Random(seed)
    tasks = list(catalog.tasks)
    rows = []

    def add(task_id: str, day: date, **fields: object) -> None:
        rows.append(dict(catalog=catalog.key, task_id=task_id, effective=day, author="督查室", **fields))

    for index, task in enumerate(tasks):
        lead = task.lead or UNITS[index % len(UNITS)]
        add(task.id, date(2026, 3, 1), kind="assign", lead=lead, partners=(UNITS[(index + 5) % len(UNITS)],))
    reported = [task for task in tasks if rng.random() < 0.5]
    for task in reported:
        behind = rng.random() < 0.33
        steps = rng.randrange(1, 5)
        last = LAST_DAY - timedelta(days=rng.randrange(0, 45))
        day = max(FIRST_REPORT, last - timedelta(days=45 * (steps - 1)))
        for step in range(steps):
            share = (0.25 if behind else 0.6) + (0.1 if behind else 0.32) * step / max(steps - 1, 1)
            fields: dict[str, object] = {"note": rng.choice(NOTES)}
            if task.target is not None and task.target.unit != "%":
                whole = float(task.target.value).is_integer() and task.target.value >= 3
                fields["value"] = round(task.target.value * share, 0 if whole else 1)
            elif task.target is not None:
                fields["value"] = round(task.target.value * (0.6 if behind else 1.0), 1)
            elif behind and step == steps - 1:
                fields["status"] = rng.choice(("blocked", "not_started"))
            else:
                fields["status"] = (
                    "done" if (not behind and step == steps - 1 and rng.random() < 0.3) else "in_progress"
                )
            add(task.id, day, **fields)
            day = min(day + timedelta(days=45), last)
    planned = [task for task in reported if task.target is not None and task.target.unit != "%"][:6]
    for number, task in enumerate(planned):
        assert task.target is not None
        value = task.target.value
        nodes = (
            Node(date(2026, 6, 30), value=round(value * 0.4, 1)),
            Node(date(2026, 11, 20), value=round(value * 0.9, 1)),
        )
        nodes += (Node(date(2026, 12, 15), text="完成年度目标并组织验收"),)
        plan = Plan(due=date(2026, 12, 20), leader=("张副区长", "李副区长")[number % 2], nodes=nodes)
        add(task.id, date(2026, 4, 10), kind="plan", plan=plan.as_payload())
    with SQLiteJournal.for_writing(db) as journal:
        journal.append_many(rows)
