"""Every user-facing word in one place, in Chinese (default) and English.

``t(key, **params)`` formats a message in the current language. The CLI sets the language once
from ``--lang`` or ``HEDONG_LANG``; core modules only call ``t``.
"""

from __future__ import annotations

import os

LANGS = ("zh", "en")
_lang = os.environ.get("HEDONG_LANG", "zh") if os.environ.get("HEDONG_LANG") in LANGS else "zh"


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang if lang in LANGS else "zh"


def get_lang() -> str:
    return _lang


def t(key: str, /, **params: object) -> str:
    zh, en = MESSAGES[key]
    text = zh if _lang == "zh" else en
    return text.format(**params) if params else text


STATUS_NAMES: dict[str, tuple[str, str]] = {
    "not_started": ("未启动", "not started"),
    "in_progress": ("推进中", "in progress"),
    "done": ("已完成", "done"),
    "blocked": ("受阻", "blocked"),
    "adjusted": ("已调整", "adjusted"),
}
LIGHT_NAMES: dict[str, tuple[str, str]] = {
    "green": ("绿", "green"),
    "yellow": ("黄", "yellow"),
    "red": ("红", "red"),
}
KIND_NAMES: dict[str, tuple[str, str]] = {
    "quantitative": ("量化指标", "quantitative"),
    "milestone": ("节点任务", "milestone"),
    "ongoing": ("常态工作", "ongoing"),
}


def status_name(status: str) -> str:
    return STATUS_NAMES[status][0 if _lang == "zh" else 1]


def light_name(light: str) -> str:
    return LIGHT_NAMES[light][0 if _lang == "zh" else 1]


def kind_name(kind: str) -> str:
    return KIND_NAMES[kind][0 if _lang == "zh" else 1]


# key: (中文, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # catalogue problems (each printed as FILE:LINE: message)
    "cat_missing": ("找不到目标任务清单文件", "catalogue file not found"),
    "cat_unreadable": ("无法读取目标任务清单：{error}", "cannot read the catalogue: {error}"),
    "cat_yaml": ("YAML 格式错误：{error}", "invalid YAML: {error}"),
    "cat_alias": ("不允许使用 YAML 锚点和别名", "YAML anchors and aliases are not allowed"),
    "cat_dup_key": ("重复的键“{key}”", "duplicate key '{key}'"),
    "cat_not_mapping": ("{what}应为映射（键: 值）", "{what} must be a mapping (key: value)"),
    "cat_not_list": ("{what}应为列表", "{what} must be a list"),
    "cat_unknown_key": ("未知的键“{key}”（可用：{allowed}）", "unknown key '{key}' (allowed: {allowed})"),
    "cat_missing_key": ("缺少必填项“{key}”", "missing required key '{key}'"),
    "cat_not_text": ("“{key}”应为非空文本", "'{key}' must be non-empty text"),
    "cat_not_number": ("“{key}”应为数字", "'{key}' must be a number"),
    "cat_bad_year": ("year 应为 2000 到 2100 之间的整数", "year must be a whole number from 2000 to 2100"),
    "cat_bad_date": ("“{key}”应为 YYYY-MM-DD 格式的日期", "'{key}' must be a date YYYY-MM-DD"),
    "cat_date_year": ("日期 {date} 不在清单年度 {year} 内", "date {date} is outside the catalogue year {year}"),
    "cat_dup_id": ("编号 {id} 重复（第 {first} 行已使用）", "duplicate id {id} (first used on line {first})"),
    "cat_bad_id": (
        "编号 {id} 与所在位置不符，应为 {expected}",
        "id {id} does not match its place; expected {expected}",
    ),
    "cat_bad_kind": ("未知的任务类型“{kind}”（可用：{allowed}）", "unknown kind '{kind}' (allowed: {allowed})"),
    "cat_bad_comparator": (
        "未知的比较方式“{cmp}”（可用：{allowed}）",
        "unknown comparator '{cmp}' (allowed: {allowed})",
    ),
    "cat_target_needed": ("量化指标必须有 target", "a quantitative task needs a target"),
    "cat_target_forbidden": ("只有量化指标可以有 target", "only quantitative tasks may have a target"),
    "cat_range_max": ("range 比较方式需要 max，且 max 不小于 value", "a range target needs max >= value"),
    "cat_max_forbidden": ("只有 range 比较方式可以有 max", "only a range target may have max"),
    "cat_negative": ("“{key}”不能为负数", "'{key}' must not be negative"),
    "cat_title_long": ("标题超过 20 个字（{n} 个）", "title is longer than 20 characters ({n})"),
    "cat_no_sections": ("清单中没有任何任务", "the catalogue has no tasks"),
    # journal
    "db_corrupt": (
        "进度日志文件 {path} 不是有效的 SQLite 数据库或已损坏：{error}",
        "journal {path} is not a valid SQLite database or is damaged: {error}",
    ),
    "db_not_ours": (
        "{path} 不是 hedong 进度日志（缺少 entries 表）",
        "{path} is not a hedong journal (no entries table)",
    ),
    "db_newer": (
        "进度日志 {path} 的版本 {found} 比本程序支持的版本 {known} 新，请升级 hedong",
        "journal {path} has schema version {found}, newer than this hedong knows ({known}); upgrade hedong",
    ),
    "db_locked": (
        "进度日志 {path} 被其他程序锁定，请稍后重试",
        "journal {path} is locked by another program; try again",
    ),
    "db_readonly": ("进度日志 {path} 只读，无法写入", "journal {path} is read-only; nothing was written"),
    "db_cannot_open": ("无法打开进度日志 {path}：{error}", "cannot open journal {path}: {error}"),
    "db_error": ("进度日志 {path} 出错：{error}", "journal {path} failed: {error}"),
    "db_dir_missing": ("进度日志目录 {path} 不存在", "the journal's folder {path} does not exist"),
    # input
    "unknown_task": ("未知的任务编号 {id}", "unknown task id {id}"),
    "did_you_mean": ("，是否要找：{ids}？", "; did you mean {ids}?"),
    "need_change": ("请至少提供 --status、--value 或 --note 之一", "give at least one of --status, --value or --note"),
    "bad_status": ("未知的状态“{status}”（可用：{allowed}）", "unknown status '{status}' (allowed: {allowed})"),
    "bad_light": ("未知的预警灯“{light}”（可用：{allowed}）", "unknown light '{light}' (allowed: {allowed})"),
    "bad_value": ("数值必须是有限的非负数：{value}", "the value must be a finite number >= 0: {value}"),
    "bad_rate": ("数值必须是有限数：{value}", "the value must be a finite number: {value}"),
    "value_not_quant": (
        "任务 {id} 不是量化指标，不能记录数值；请记录状态或进展说明",
        "task {id} has no numeric target; record a status or a note instead",
    ),
    "bad_date": ("日期格式应为 YYYY-MM-DD：{value}", "a date must be YYYY-MM-DD: {value}"),
    "date_outside_year": ("日期 {date} 不在清单年度 {year} 内", "date {date} is outside the catalogue year {year}"),
    "date_future": ("日期 {date} 晚于今天（{today}）", "date {date} is after today ({today})"),
    "unknown_section": ("未知的板块“{section}”（可用：{allowed}）", "unknown section '{section}' (allowed: {allowed})"),
    "bad_format": ("未知的输出格式“{fmt}”（可用：{allowed}）", "unknown format '{fmt}' (allowed: {allowed})"),
    "nothing_to_undo": ("没有可撤销的记录", "there is no entry to undo"),
    "no_such_entry": ("没有编号为 {entry} 的记录", "there is no entry #{entry}"),
    "entry_retracted": ("记录 #{entry} 已于记录 #{by} 撤销", "entry #{entry} was already retracted by entry #{by}"),
    "entry_is_retraction": (
        "记录 #{entry} 本身是撤销记录，不能再撤销；如需恢复请重新登记",
        "entry #{entry} is itself a retraction; record the values again instead",
    ),
    "bad_limit": ("--limit 应为正整数", "--limit must be a positive whole number"),
    # usage errors from the command-line parser
    "usage_hint": ("（运行 {cmd} --help 查看用法）", "(see {cmd} --help)"),
    "internal_error": (
        "内部错误：{error}（加 --debug 查看详情）",
        "internal error: {error} (run with --debug for details)",
    ),
    "interrupted": ("已中断", "interrupted"),
    # success lines
    "updated": ("已记录 #{entry}：{id} {title}  {progress}", "recorded #{entry}: {id} {title}  {progress}"),
    "retracted": ("已撤销记录 #{entry}（{id}），撤销记录为 #{by}", "retracted entry #{entry} ({id}) as entry #{by}"),
    "check_ok": (
        "清单 {path} 有效：{sections} 个板块，{tasks} 项任务",
        "catalogue {path} is valid: {sections} sections, {tasks} tasks",
    ),
    "check_orphan": (
        "{db}: 记录 #{entry} 指向清单中不存在的任务 {id}",
        "{db}: entry #{entry} refers to task {id}, which is not in the catalogue",
    ),
    "check_journal_ok": (
        "进度日志 {path}：{n} 条记录，均对应清单中的任务",
        "journal {path}: {n} entries, all for tasks in the catalogue",
    ),
    "bad_lang": ("未知的语言“{lang}”（可用：zh, en）", "unknown language '{lang}' (allowed: zh, en)"),
    "bad_number": ("“{option}”应为不小于 {min} 的数：{value}", "{option} must be a number >= {min}: {value}"),
    # labels
    "lbl_report_title": (
        "河东区{year}年政府工作报告重点任务推进情况",
        "Hedong District {year} work report: key task progress",
    ),
    "lbl_as_of": ("截至 {date}", "as of {date}"),
    "lbl_expected": ("序时进度 {pct}%", "time elapsed (序时进度) {pct}%"),
    "lbl_tasks_by_status": ("任务 {total} 项：{parts}", "{total} tasks: {parts}"),
    "lbl_lights": ("预警：{parts}", "lights: {parts}"),
    "lbl_completion": (
        "已完成 {done_pct}%；量化指标 {quant} 项，达到序时进度 {on} 项，平均进度 {mean}",
        "done {done_pct}%; {quant} quantitative targets, {on} on schedule, mean progress {mean}",
    ),
    "lbl_sep": ("，", ", "),
    "lbl_goals": ("主要预期目标", "Main expected targets"),
    "col_id": ("编号", "ID"),
    "col_title": ("任务", "Task"),
    "col_target": ("目标", "Target"),
    "col_value": ("当前值", "Value"),
    "col_progress": ("进度", "Progress"),
    "col_light": ("预警", "Light"),
    "col_status": ("状态", "Status"),
    "col_updated": ("更新", "Updated"),
    "col_note": ("进展情况", "Note"),
    "col_lead": ("牵头单位", "Lead unit"),
    "col_due": ("完成时限", "Due"),
    "col_kind": ("类型", "Kind"),
    "col_text": ("任务内容", "Task text"),
    "col_section": ("板块", "Section"),
    "col_subsection": ("分项", "Subsection"),
    "col_baseline": ("2025年基数", "2025 baseline"),
    "col_entry": ("记录", "Entry"),
    "col_date": ("日期", "Date"),
    "col_recorded": ("登记时间", "Recorded"),
    "col_author": ("登记人", "By"),
    "col_change": ("内容", "Change"),
    "col_expected": ("序时进度", "Expected"),
    "none_matched": ("没有符合条件的任务", "no task matches"),
    "target_ge": ("{value}{unit}以上", ">= {value} {unit}"),
    "target_eq": ("{value}{unit}", "{value} {unit}"),
    "target_gt": ("正增长", "> {value}{unit} (growth)"),
    "target_range": ("{value}-{max}{unit}", "{value}-{max} {unit}"),
    "retraction_of": ("撤销记录 #{entry}", "retracts #{entry}"),
    "retracted_by": ("（已被 #{entry} 撤销）", " (retracted by #{entry})"),
    "assigned": ("牵头单位：{lead}", "lead unit: {lead}"),
    "partners": ("配合单位：{partners}", "partner units: {partners}"),
    "no_entries": ("暂无记录", "no entries yet"),
    "history": ("历史记录", "History"),
    "reason_done": ("已完成", "done"),
    "reason_blocked": ("受阻", "blocked"),
    "reason_overdue": ("已过完成时限", "past its due date"),
    "reason_behind": ("落后于序时进度", "behind 序时进度"),
    "reason_on_track": ("正常推进", "on track"),
    "reason_adjusted": ("任务已调整", "adjusted"),
    "reason_not_started": ("尚未启动", "not started"),
    "reason_stale": ("长期未更新", "no update for a long time"),
    "progress_line": (
        "{value}/{target}（{pct}），序时进度 {expected}%，预警 {light}，状态 {status}",
        "{value} of {target} ({pct}), 序时进度 {expected}%, light {light}, status {status}",
    ),
    "progress_line_plain": ("状态 {status}，预警 {light}", "status {status}, light {light}"),
    "fld_reason": ("预警原因", "Light reason"),
    "fld_value_date": ("数值日期", "Value date"),
    "chg_status": ("状态→{status}", "status→{status}"),
    "chg_value": ("数值→{value}", "value→{value}"),
    "chg_note": ("说明：{note}", "note: {note}"),
    # -- brief (hedong brief): add the briefing's messages below this line --
    # -- workflow (assign, units, export, import, checkin): add below this line --
    # -- reliability: add below this line --
}
