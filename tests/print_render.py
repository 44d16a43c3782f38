"""A realistic journal on the shipped catalogue, and the rendering of xlsx/docx to PDF pages, for the print tests
(``tests/test_print_layout.py``) and ``docs/render-ledger.sh``.

The journal is what the 督查室 holds in late November: every task assigned to one of ten lead units, about
half of them reported (some twice), notes from a few words to a long paragraph, and plans on some tasks:
nodes, a 分管区领导, and 完成时限 moved earlier or into next year with the 调整说明 that says why.
Rendering goes through LibreOffice (``soffice --headless --convert-to pdf``) with fontconfig told which
Noto face stands in for each office font, as ``docs/render.sh`` does for the briefing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

from hedong_cli.catalog import load_catalog
from hedong_cli.journal.sqlite import SQLiteJournal
from hedong_cli.plans import Node, Plan

REPO = Path(__file__).resolve().parents[1]
CATALOG_FILE = REPO / "data" / "targets_2026.yaml"
AS_OF = date(2026, 11, 26)
UNITS = (
    "区发展改革委",
    "区商务局",
    "区科技局",
    "区教育局",
    "区住房建设委",
    "区城市管理委",
    "区人力资源和社会保障局",
    "区卫生健康委",
    "区文化和旅游局",
    "区生态环境局",
)
NOTES = (
    "按计划推进",
    "已完成前期调研，正在制定实施方案",
    "已召开专题推进会2次，协调解决用地、资金等问题3项，项目进入施工阶段",
    "受市级审批进度影响，部分事项需待上级批复后推进，目前已完成材料报送，正在跟进",
    "本季度组织开展专项行动，累计走访企业126家，收集问题诉求58条，已解决46条，其余12条正在协调相关部门办理，"
    "预计年底前全部办结；同时建立常态化对接机制，每月召开一次政企座谈会，推动政策直达快享",
    "主体结构已封顶，正在进行室内装修和室外配套工程施工",
    # A long report, more than the highest spreadsheet row shows in the 进展情况 column: the ledger cuts it.
    "一是强化组织领导，成立由区政府分管领导任组长的工作专班，制定任务分解表和时间进度表，明确责任单位和责任人；"
    "二是加强统筹协调，累计召开专题协调会9次，协调解决规划调整、土地征收、资金拨付、管线迁改等问题27项；"
    "三是加快项目建设，一期工程主体结构全部封顶，二期工程完成桩基施工，三期工程完成方案设计和施工图审查；"
    "四是完善配套设施，同步推进周边道路、绿化、照明和停车设施建设，新建道路2.3公里、停车泊位460个；"
    "五是优化营商环境，推行容缺受理和并联审批，审批时限压缩40%以上，为企业办理各类证照手续32件；"
    "六是强化督促检查，建立周调度、月通报制度，对进度滞后的环节挂账督办，确保各项任务按期完成。"
    "下一步，将继续倒排工期、挂图作战，全力推动项目早日建成投用，同时做好资金保障和安全生产工作。",
)
STATUSES = ("in_progress", "in_progress", "done", "in_progress", "blocked", "in_progress", "in_progress")
# Plans: (task, due, leader, nodes, reason). 5.1.6 ends earlier than the catalogue's 2026-12-31 (the case the
# issue names); 1.1.5 and 2.2.4 move into next year, which needs a reason.
PLANS: tuple[tuple[str, str | None, str | None, tuple[tuple[str, str], ...], str | None], ...] = (
    ("5.1.6", "2026-10-31", "王副区长", (("2026-06-30", "完成选址"), ("2026-09-30", "主体完工")),
     "按市级统一部署提前至10月底前完成"),
    ("1.1.5", "2027-06-30", "李副区长", (("2026-09-30", "完成方案编制"),),
     "项目涉及跨区协调，经区政府常务会议研究同意，完成时限调整至2027年6月底"),
    ("2.2.4", "2027-03-31", "张副区长", (("2026-06-30", "40%"), ("2026-12-31", "80%")),
     "受重点项目融资进度影响，部分投资将于次年一季度到位，经分管区领导同意调整"),
    ("2.1.3", "2026-11-30", "张副区长", (("2026-06-30", "20"), ("2026-09-30", "40")), None),
    ("6.3.1", None, "赵副区长", (("2026-05-31", "主体开工"), ("2026-08-31", "竣工验收")), None),
    ("3.1.1", None, "刘副区长", (("2026-06-30", "50%"),), None),
)  # fmt: skip


def task_ids() -> list[str]:
    return [task.id for task in load_catalog(CATALOG_FILE).tasks]


def record_realistic(db: Path) -> None:
    """Write the realistic journal described above into a new SQLite file ``db``."""
    catalog = load_catalog(CATALOG_FILE)
    tasks = catalog.tasks
    with SQLiteJournal.for_writing(db) as journal:
        for index, task in enumerate(tasks):
            partners = (UNITS[(index + 3) % len(UNITS)],) if index % 4 == 0 else ()
            journal.append(
                "2026", task.id, effective=date(2026, 2, 20), kind="assign", lead=UNITS[index % len(UNITS)],
                partners=partners,
            )  # fmt: skip
        for index, task in enumerate(tasks):
            if index % 2:  # about half the tasks reported
                continue
            day = date(2026, 4, 10) + timedelta(days=(index * 37) % 220)
            fields: dict[str, object] = {"note": NOTES[index % len(NOTES)], "status": STATUSES[index % len(STATUSES)]}
            if task.target is not None:
                share = (0.35, 0.6, 0.85, 1.05)[index % 4]
                fields["value"] = round(task.target.value * share, 2) if task.target.value else 1.2
                fields.pop("status") if fields["status"] == "done" else None
            journal.append("2026", task.id, effective=day, author="督查室", **fields)  # type: ignore[arg-type]
            if index % 6 == 0 and day < AS_OF - timedelta(days=30):
                journal.append(
                    "2026",
                    task.id,
                    effective=day + timedelta(days=21),
                    author="督查室",
                    note=NOTES[(index + 2) % len(NOTES)],
                )
        for task_id, due, leader, nodes, reason in PLANS:
            task = catalog.by_id[task_id]
            plan = Plan(
                due=date.fromisoformat(due) if due else None,
                leader=leader,
                nodes=tuple(_node(day, what, task.target is not None) for day, what in nodes),
                reason=reason,
            )
            journal.append("2026", task_id, effective=date(2026, 3, 15), kind="plan", plan=plan.as_payload())


def _node(day: str, what: str, numeric: bool) -> Node:
    when = date.fromisoformat(day)
    if what.endswith("%"):
        return Node(when, pct=float(what[:-1]))
    if numeric and what.replace(".", "").isdigit():
        return Node(when, value=float(what))
    return Node(when, text=what)


# -- rendering ------------------------------------------------------------------------------------------

# The office fonts the documents name, and the Noto face that stands in for each where they are missing.
FONT_STAND_INS = {
    "Noto Serif CJK SC": ("仿宋_GB2312", "仿宋", "FangSong", "楷体_GB2312", "楷体", "KaiTi", "方正小标宋简体", "宋体",
                          "SimSun"),
    "Noto Sans CJK SC": ("黑体", "SimHei", "等线", "DengXian"),
}  # fmt: skip


def soffice() -> str | None:
    """The LibreOffice binary, or None (the print tests then skip, saying so)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def fonts_conf(folder: Path) -> Path:
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ]
    for face, names in FONT_STAND_INS.items():
        for name in names:
            lines.append(
                f'  <alias binding="same"><family>{name}</family><prefer><family>{face}</family></prefer></alias>'
            )
    lines.append("</fontconfig>")
    path = folder / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def to_pdfs(documents: list[Path], folder: Path, timeout: float = 240) -> list[Path]:
    """``documents`` (xlsx or docx, each with its own name stem) converted by one LibreOffice run into
    ``folder``; returns the PDFs' paths, in order."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    profile = folder / "lo-profile"
    env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf(folder)))
    subprocess.run(
        [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, documents)],
        check=True, capture_output=True, timeout=timeout, env=env,
    )  # fmt: skip
    pdfs = [folder / (document.stem + ".pdf") for document in documents]
    missing = [pdf.name for pdf in pdfs if not pdf.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no {', '.join(missing)}")
    return pdfs


def to_pdf(document: Path, folder: Path) -> Path:
    """One document converted by LibreOffice into ``folder``; returns the PDF's path."""
    return to_pdfs([document], folder)[0]


def to_png(pdf: Path, prefix: Path, first: int | None = None, last: int | None = None) -> list[Path]:
    """The PDF's pages as PNG at 70 dpi (pdftoppm), named ``prefix-N.png``."""
    pages = ["-f", str(first)] if first else []
    pages += ["-l", str(last)] if last else []
    subprocess.run(["pdftoppm", "-png", "-r", "70", *pages, str(pdf), str(prefix)], check=True, timeout=120)
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))
