"""The realistic journal on the shipped catalogue: one fixture for every document's page tests
(``tests/test_brief_genre.py`` for the 通报, ``tests/test_print_layout.py`` for the 台账 and the
分工方案) and for ``docs/render.sh``.

The office as it might stand on 2026-11-26: every task assigned to one of a dozen units (a task's
own lead in the catalogue where it names one), about half the tasks reported from April on, a
third of those behind (low figures, 受阻, a missed plan node), notes from a few words to a paragraph
longer than a ledger row shows, plans with nodes on some tasks, and, on the tasks of ``PLANS``, a
分管区领导 and a 完成时限 moved earlier or into next year with the 调整说明 that says why; units that
did not report in the last weeks. Deterministic: a seeded random generator, so the rendered pages
are the same on every run.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.journal import SQLiteJournal
from hedong_cli.tracking.plans import Node, Plan
from tests.conftest import CATALOG

AS_OF = date(2026, 11, 26)
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
# A long report, more than the highest spreadsheet row shows in the ledger's 进展情况 column: the ledger cuts
# it, the 通报 quotes its start. Some tasks report it (every LONG_EVERY-th reported task, its last report).
LONG_NOTE = (
    "一是强化组织领导，成立由区政府分管领导任组长的工作专班，制定任务分解表和时间进度表，明确责任单位和责任人；"
    "二是加强统筹协调，累计召开专题协调会9次，协调解决规划调整、土地征收、资金拨付、管线迁改等问题27项；"
    "三是加快项目建设，一期工程主体结构全部封顶，二期工程完成桩基施工，三期工程完成方案设计和施工图审查；"
    "四是完善配套设施，同步推进周边道路、绿化、照明和停车设施建设，新建道路2.3公里、停车泊位460个；"
    "五是优化营商环境，推行容缺受理和并联审批，审批时限压缩40%以上，为企业办理各类证照手续32件；"
    "六是强化督促检查，建立周调度、月通报制度，对进度滞后的环节挂账督办，确保各项任务按期完成。"
    "下一步，将继续倒排工期、挂图作战，全力推动项目早日建成投用，同时做好资金保障和安全生产工作。"
)
LONG_EVERY = 9
FIRST_REPORT = date(2026, 4, 1)
# Plans with a 分管区领导 and a 调整说明: (task, due, leader, nodes, reason). 5.1.6 ends earlier than the
# catalogue's 2026-12-31; 1.1.5 and 2.2.4 move into next year, which needs a reason.
PLANS: tuple[tuple[str, str | None, str | None, tuple[tuple[str, str], ...], str | None], ...] = (
    ("5.1.6", "2026-10-31", "王副区长", (("2026-06-30", "完成选址"), ("2026-09-30", "主体完工")),
     "按市级统一部署提前至10月底前完成"),
    ("1.1.5", "2027-06-30", "李副区长", (("2026-09-30", "完成方案编制"),),
     "项目涉及跨区协调，经区政府常务会议研究同意，完成时限调整至2027年6月底"),
    ("2.2.4", "2027-03-31", "张副区长", (("2026-06-30", "40%"), ("2026-12-31", "80%")),
     "受重点项目融资进度影响，部分投资将于次年一季度到位，经分管区领导同意调整"),
    ("6.3.1", None, "赵副区长", (("2026-05-31", "主体开工"), ("2026-08-31", "竣工验收")), None),
)  # fmt: skip


def task_ids() -> list[str]:
    return [task.id for task in load_catalog(CATALOG).tasks]


def record_realistic(db: Path, seed: int = 2026) -> None:
    """Write the realistic journal described above into a new SQLite file ``db``."""
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
    for number, task in enumerate(reported):
        behind = rng.random() < 0.33
        steps = rng.randrange(1, 5)
        last = AS_OF - timedelta(days=rng.randrange(0, 45))
        day = max(FIRST_REPORT, last - timedelta(days=45 * (steps - 1)))
        for step in range(steps):
            share = (0.25 if behind else 0.6) + (0.1 if behind else 0.32) * step / max(steps - 1, 1)
            note = rng.choice(NOTES)
            fields: dict[str, object] = {"note": LONG_NOTE if number % LONG_EVERY == 4 and step == 0 else note}
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
    moved = {task_id for task_id, *_ in PLANS}
    planned = [t for t in reported if t.target is not None and t.target.unit != "%" and t.id not in moved][:6]
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
    for task_id, due, leader, steps_, reason in PLANS:
        task = catalog.by_id[task_id]
        plan = Plan(
            due=date.fromisoformat(due) if due else None,
            leader=leader,
            nodes=tuple(_node(day, what, task.target is not None) for day, what in steps_),
            reason=reason,
        )
        add(task_id, date(2026, 3, 15), kind="plan", plan=plan.as_payload())
    with SQLiteJournal.for_writing(db) as journal:
        journal.append_many(rows)


def _node(day: str, what: str, numeric: bool) -> Node:
    when = date.fromisoformat(day)
    if what.endswith("%"):
        return Node(when, pct=float(what[:-1]))
    if numeric and what.replace(".", "").isdigit():
        return Node(when, value=float(what))
    return Node(when, text=what)
