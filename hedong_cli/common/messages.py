"""Every user-facing word in one place, in Chinese (default) and English.

``t(key, **params)`` formats a message in the current language. The CLI sets the language once
from ``--lang`` or ``HEDONG_LANG``; core modules only call ``t``.
"""

from __future__ import annotations

from contextvars import ContextVar

LANGS = ("zh", "en")
# The language belongs to the command's ``Environment`` (``Environment.lang``), which makes it the one
# spoken here with ``Environment.activate()``. It is held per context, not in a plain global, so that two
# requests served at once (a web face) each speak their own.
_lang: ContextVar[str] = ContextVar("hedong_lang", default="zh")


def set_lang(lang: str) -> None:
    _lang.set(lang if lang in LANGS else "zh")


def get_lang() -> str:
    return _lang.get()


def t(key: str, /, **params: object) -> str:
    zh, en = MESSAGES[key]
    text = zh if _lang.get() == "zh" else en
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
    return STATUS_NAMES[status][0 if _lang.get() == "zh" else 1]


def status_key(text: str) -> str | None:
    """The status a person typed (its key, Chinese or English name, any case), or None."""
    typed = text.strip().lower()
    return next((key for key, (zh, en) in STATUS_NAMES.items() if typed in (key, zh, en)), None)


def light_name(light: str) -> str:
    return LIGHT_NAMES[light][0 if _lang.get() == "zh" else 1]


def kind_name(kind: str) -> str:
    return KIND_NAMES[kind][0 if _lang.get() == "zh" else 1]


# key: (中文, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # catalogue problems (each printed as FILE:LINE: message)
    "cat_missing": ("找不到目标任务清单文件", "catalogue file not found"),
    "cat_unreadable": ("无法读取目标任务清单：{error}", "cannot read the catalogue: {error}"),
    "cat_yaml": ("YAML 格式错误：{error}", "invalid YAML: {error}"),
    "cat_alias": ("不允许使用 YAML 锚点和别名", "YAML anchors and aliases are not allowed"),
    "cat_dup_key": ("重复的键“{key}”", "duplicate key '{key}'"),
    "cat_not_mapping": ("“{what}”应为映射（键: 值）", "{what} must be a mapping (key: value)"),
    "cat_not_list": ("“{what}”应为列表", "{what} must be a list"),
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
        "{path} 不是 hedong 进度日志（没有 hedong 的 entries 表）",
        "{path} is not a hedong journal (no hedong entries table)",
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
    "value_not_number": ("数值应为有限的数字：{value}", "the value must be a finite number: {value}"),
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
    "cannot_write": ("无法写入 {path}：{error}", "cannot write {path}: {error}"),
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
        "{region}{year}年政府工作报告重点任务推进情况",
        "{region}{year} work report: key task progress",
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
    "col_partners": ("配合单位", "Partner units"),
    "col_due": ("完成时限", "Due"),
    "col_kind": ("类型", "Kind"),
    "col_text": ("任务内容", "Task text"),
    "col_section": ("板块", "Section"),
    "col_subsection": ("分项", "Subsection"),
    "col_baseline": ("基数", "Baseline"),
    "col_entry": ("记录", "Entry"),
    "col_date": ("日期", "Date"),
    "col_recorded": ("登记时间", "Recorded"),
    "col_author": ("登记人", "By"),
    "col_change": ("内容", "Change"),
    "col_expected": ("序时进度", "Expected"),
    "no_figure": ("无", "n/a"),
    "none_matched": ("没有符合条件的任务", "no task matches"),
    "target_ge": ("{value}{unit}以上", ">= {value} {unit}"),
    "target_eq": ("{value}{unit}", "{value} {unit}"),
    "target_gt": ("正增长", "> {value}{unit} (growth)"),
    "target_range": ("{value}-{max}{unit}", "{value}-{max} {unit}"),
    "target_le": ("{value}{unit}以内", "<= {value} {unit}"),
    "target_about": ("{value}{unit}左右", "about {value} {unit}"),
    "retraction_of": ("撤销记录 #{entry}", "retracts #{entry}"),
    "retracted_by": ("（已被 #{entry} 撤销）", " (retracted by #{entry})"),
    "assigned": ("牵头单位：{lead}", "lead unit: {lead}"),
    "partners": ("配合单位：{partners}", "partner units: {partners}"),
    "no_entries": ("暂无记录", "no entries yet"),
    "history": ("历史记录", "History"),
    # progress bars on stderr (render/busy.py)
    "busy_brief": ("正在生成 {path}", "writing {path}"),
    "busy_export": ("正在导出 {path}", "exporting {path}"),
    "busy_import_read": ("正在读取并核对 {path}", "reading and checking {path}"),
    "busy_import_write": ("正在写入 {n} 条记录", "recording {n} entries"),
    # status overview (default view of hedong status)
    "sts_filtered": ("以下 {n} 项中（筛选条件：{filter}）：", "Of the {n} tasks below (filtered by {filter}):"),
    "sts_col_section": ("领域", "Section"),
    "sts_col_tasks": ("任务", "Tasks"),
    "sts_col_mean": ("平均进度", "Mean"),
    "sts_col_reason": ("原因", "Reason"),
    "sts_attention": (
        "需关注的任务：红灯 {red} 项，黄灯 {yellow} 项",
        "Tasks needing attention: {red} red, {yellow} yellow",
    ),
    "sts_none_needing": ("没有亮红灯或黄灯的任务", "No task is red or yellow"),
    "sts_more": (
        "另有 {n} 项未列出：hedong status --light red,yellow 或 --all",
        "{n} more not shown: hedong status --light red,yellow (or --all)",
    ),
    "why_behind": ("落后序时进度{points}个百分点", "{points} points behind 序时进度"),
    "why_short_of_target": ("距目标尚差{points}个百分点", "{points} points short of the target"),
    "why_stale": ("{days}天未更新", "no update for {days} days"),
    "why_overdue": ("超期未完成", "past its due date, not done"),
    "why_not_started": ("尚未启动", "not started"),
    "why_not_started_red": ("时间过半尚未启动", "not started, more than half the year gone"),
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
    "chg_status": ("状态：{status}", "status: {status}"),
    "chg_value": ("数值：{value}", "value: {value}"),
    "chg_note": ("说明：{note}", "note: {note}"),
    # -- brief (hedong brief): add the briefing's messages below this line --
    "brief_future": (
        "统计周期从 {start} 开始，晚于今天（{today}）",
        "the period starts on {start}, after today ({today})",
    ),
    "brief_bad_week": (
        "周次格式应为 YYYY-Www（如 2026-W48）：{value}",
        "a week must be YYYY-Www (e.g. 2026-W48): {value}",
    ),
    "brief_period_conflict": (
        "--week、--month、--quarter、--half 与 --from/--to 只能选用一种",
        "use one of --week, --month, --quarter, --half or --from/--to",
    ),
    "brief_need_both": ("--from 和 --to 须同时给出", "give both --from and --to"),
    "brief_as_of_conflict": (
        "--as-of 只用于选定默认周次，不能与 --week 或 --from/--to 同时使用",
        "--as-of picks the default week; do not combine it with --week or --from/--to",
    ),
    "brief_from_after_to": ("--from {start} 晚于 --to {end}", "--from {start} is after --to {end}"),
    "brief_outside_year": (
        "统计周期 {start} 至 {end} 不在清单年度 {year} 内",
        "the period {start} to {end} is outside the catalogue year {year}",
    ),
    "brief_docx_needs_output": ("docx 格式须用 -o 指定输出文件", "the docx format needs an output file: -o FILE"),
    "brief_written": ("已写入 {path}", "written to {path}"),
    "brief_date": ("{y}年{m}月{d}日", "{iso}"),
    "brief_title": (
        "{region}{year}年政府工作报告重点任务推进情况周报（第{no}期）",
        "{region}{year} Government Work Report: Key Tasks Weekly Briefing (No. {no})",
    ),
    "brief_period": ("统计周期：{start}至{end}", "Period: {start} to {end}"),
    "brief_period_week": ("（{year}年第{week}周）", " (ISO week {year}-W{week:02d})"),
    "brief_as_of": (
        "数据截至：{date}　序时进度：{pct}%",
        "As of: {date}; 序时进度 (share of the year elapsed): {pct}%",
    ),
    "brief_unit": ("责任单位：{unit}（牵头或配合）", "Unit: {unit} (lead or partner)"),
    "brief_h_overview": ("一、总体情况", "1. Overview"),
    "brief_h_goals": ("二、主要预期目标", "2. Main expected targets"),
    "brief_h_sections": ("三、分领域推进情况", "3. Progress by section"),
    "brief_h_changes_week": ("四、本周进展", "4. Progress this week"),
    "brief_h_changes_period": ("四、本期进展", "4. Progress in the period"),
    "brief_h_alerts": ("五、预警任务", "5. Tasks on alert"),
    "brief_h_red": ("（一）红灯任务", "5.1 Red"),
    "brief_h_yellow": ("（二）黄灯任务", "5.2 Yellow"),
    "brief_h_milestones": ("六、近期节点", "6. Deadlines"),
    "brief_h_upcoming": ("（一）{days}日内到期", "6.1 Due within {days} days"),
    "brief_h_overdue": ("（二）已逾期", "6.2 Overdue"),
    "brief_h_stale": ("七、长期未更新", "7. Not updated for a long time"),
    "brief_summary": (
        "截至{date}，序时进度为{expected}%。{total}项重点任务中，已完成{done}项，占{done_pct}%；亮绿灯{green}项、黄灯{yellow}项、红灯{red}项。{quant}项量化指标中，达到序时进度{on}项，未达到{behind}项。",
        "As of {date}, with {expected}% of the year elapsed, {done} of {total} key tasks are done ({done_pct}%); {green} are green, {yellow} yellow and {red} red. Of {quant} quantitative targets, {on} are on schedule and {behind} behind. ",
    ),
    "brief_summary_alert": (
        "请红灯、黄灯任务牵头单位加快推进，确保按期完成。",
        "The lead units of red and yellow tasks should speed up to finish on time.",
    ),
    "brief_summary_clear": ("各项任务均按序时进度推进。", "All tasks are on schedule."),
    "brief_summary_empty": (
        "截至{date}，尚未登记任何任务进展，{total}项重点任务均暂无数据。",
        "As of {date}, nothing has been reported yet: none of the {total} key tasks has an entry.",
    ),
    "brief_col_item": ("项目", "Item"),
    "brief_col_count": ("数量", "Count"),
    "brief_col_share": ("占比", "Share"),
    "brief_row_total": ("任务总数", "Tasks"),
    "brief_row_done": ("已完成", "Done"),
    "brief_row_green": ("绿灯", "Green"),
    "brief_row_yellow": ("黄灯", "Yellow"),
    "brief_row_red": ("红灯", "Red"),
    "brief_row_quant": ("量化指标", "Quantitative targets"),
    "brief_row_on": ("达到序时进度", "On schedule"),
    "brief_row_behind": ("未达到序时进度", "Behind schedule"),
    "brief_row_all": ("合计", "All"),
    "brief_overview_note": (
        "注：绿灯含已完成任务；达到、未达到序时进度的占比以量化指标数为基数。",
        "Note: green includes done tasks; the on and behind schedule shares are of the quantitative targets.",
    ),
    "brief_col_goal": ("指标", "Goal"),
    "brief_col_target": ("预期目标", "Target"),
    "brief_col_latest": ("最新值", "Latest"),
    "brief_col_value_date": ("数据日期", "Value date"),
    "brief_col_tasks": ("任务数", "Tasks"),
    "brief_col_mean": ("平均进度", "Mean progress"),
    "brief_col_gap": ("较应达进度", "vs expected"),
    "brief_sections_note": (
        "注：平均进度为本板块量化指标完成进度（单项封顶100%）的平均值，比率类指标对照全年目标；应达进度对累计类指标为序时进度，对比率类指标为100%，板块内取其平均；较应达进度以百分点计。",
        "Note: mean progress averages the section's quantitative targets (each capped at 100%), rates measured against the full-year target; the expected progress is 序时进度 for amounts and 100% for rates, averaged over the section; the gap is in percentage points.",
    ),
    "brief_chart_title": ("图：各板块平均进度与序时进度", "Chart: mean progress by section against 序时进度"),
    "brief_chart_legend": (
        "图例：# 为平均进度，| 为应达进度（序时进度{pct}%，比率类指标100%）",
        "Legend: # mean progress, | expected progress (序时进度 {pct}%, 100% for rates)",
    ),
    "brief_chart_lights": ("预警灯分布", "Lights"),
    "brief_col_bar": ("进度条", "Bar"),
    "brief_chart_none": ("无量化指标", "no quantitative targets"),
    "brief_this_week": ("本周", "this week"),
    "brief_this_period": ("本期", "in the period"),
    "brief_changes_count": ("{when}共登记进展{n}条，涉及{tasks}项任务。", "{n} entries {when}, on {tasks} tasks."),
    "brief_changes_none": ("{when}无新登记进展。", "No entries {when}."),
    "brief_col_change": ("变化", "Change"),
    "brief_chg_value": ("当前值 {before} {arrow} {after}", "value {before} {arrow} {after}"),
    "brief_chg_status": ("状态 {before} {arrow} {after}", "status {before} {arrow} {after}"),
    "brief_chg_lead": ("牵头单位 {before} {arrow} {after}", "lead unit {before} {arrow} {after}"),
    "brief_chg_retracted": ("（已撤销）", " (retracted)"),
    "brief_alerts_count": ("红灯任务{red}项、黄灯任务{yellow}项。", "{red} red and {yellow} yellow tasks."),
    "brief_col_progress": ("进度/序时进度", "Progress / expected"),
    "brief_col_last_note": ("最新进展", "Last note"),
    "brief_col_idle": ("未更新天数", "Days idle"),
    "brief_idle_never": ("未报送", "never"),
    "brief_none": ("无。", "None."),
    "brief_col_days_left": ("剩余天数", "Days left"),
    "brief_col_days_over": ("逾期天数", "Days overdue"),
    "brief_stale_count": ("{days}天以上未更新的任务{n}项。", "{n} tasks have had no entry for {days} days or more."),
    "brief_col_last_update": ("最近更新", "Last entry"),
    "brief_never": ("尚无任何进展记录的任务{n}项：{ids}。", "{n} tasks have no entry at all: {ids}."),
    "brief_never_all": ("全部{n}项任务尚无任何进展记录。", "None of the {n} tasks has an entry yet."),
    "brief_id_sep": ("、", ", "),
    # -- workflow (assign, units, export, import, checkin): add below this line --
    # ledger (台账) columns; import accepts the Chinese or the English header of each
    "ldg_col_id": ("任务编号", "Task ID"),
    "ldg_col_text": ("任务内容", "Task"),
    "ldg_col_target": ("目标", "Target"),
    "ldg_col_unit": ("单位(计量)", "Unit of measure"),
    "ldg_col_lead": ("牵头单位", "Lead unit"),
    "ldg_col_due": ("完成时限", "Due"),
    "ldg_col_value": ("当前值", "Current value"),
    "ldg_col_status": ("状态", "Status"),
    "ldg_col_note": ("进展情况", "Progress note"),
    "ldg_col_updated": ("更新日期", "Updated"),
    "ldg_col_new_value": ("本期数值", "New value"),
    "ldg_col_new_status": ("本期状态", "New status"),
    "ldg_col_new_note": ("本期进展情况", "New note"),
    "ldg_col_check": ("校验码", "Check code"),
    "ldg_col_sheet": ("工作表", "Sheet"),
    "ldg_col_tasks": ("任务数", "Tasks"),
    "ldg_summary_sheet": ("汇总", "Summary"),
    "ldg_title": ("{region}{year}年政府工作报告重点任务推进台账", "{region}{year} work report: task ledger"),
    "ldg_all_units": ("全部单位", "all units"),
    "ldg_howto_1": (
        "只在浅黄色的“本期数值”“本期状态”“本期进展情况”三列填写本期情况；留空表示不变。",
        "Fill in only the three pale-yellow columns New value, New status and New note; leave a cell empty to keep the current one.",
    ),
    "ldg_howto_2": (
        "其余列受保护，请勿修改；隐藏的“校验码”列用于发现误改，请勿删除。",
        "The other columns are protected; do not edit them. The hidden Check code column detects edits; do not delete it.",
    ),
    "ldg_howto_3": ("状态可选：{statuses}。", "Statuses: {statuses}."),
    "ldg_howto_4": (
        "填好后按原格式（.xlsx）保存交回，不要复制到新表。",
        "Save and return the file as .xlsx; do not copy the rows into another workbook.",
    ),
    "ldg_dv_title": ("状态无效", "Invalid status"),
    "ldg_dv_error": ("请从下拉列表中选择状态", "Pick a status from the list"),
    "ldg_exported": (
        "已导出 {n} 项任务（{sheets} 个板块）到 {path}",
        "exported {n} tasks ({sheets} sections) to {path}",
    ),
    "ldg_need_file": (
        "请给出输出文件（如 台账.xlsx），或用 --format csv 或 --format json 输出到标准输出",
        "give an output file (e.g. ledger.xlsx), or --format csv or --format json to write to standard output",
    ),
    "ldg_format_conflict": (
        "文件扩展名 {ext} 与 --format {fmt} 不符",
        "the file extension {ext} does not match --format {fmt}",
    ),
    "ldg_unknown_ext": (
        "无法从文件名 {path} 判断格式，请加 --format xlsx|csv|json",
        "cannot tell the format from the name {path}; add --format xlsx|csv|json",
    ),
    "ldg_xlsx_stdout": ("xlsx 格式必须写入文件", "xlsx output needs a file name"),
    "unknown_unit": ("没有以“{unit}”为牵头或配合单位的任务", "no task is led or partnered by '{unit}'"),
    "known_units": ("（已有单位：{units}）", " (units: {units})"),
    # import problems: each names the file, the sheet and the row
    "ldg_at_sheet_row": (
        "{file} 工作表“{sheet}”第 {row} 行：{message}",
        "{file}, sheet '{sheet}', row {row}: {message}",
    ),
    "ldg_at_row": ("{file} 第 {row} 行：{message}", "{file}, row {row}: {message}"),
    "ldg_at_sheet": ("{file} 工作表“{sheet}”：{message}", "{file}, sheet '{sheet}': {message}"),
    "ldg_at_file": ("{file}：{message}", "{file}: {message}"),
    "ldg_sheet_row": ("工作表“{sheet}”第 {row} 行", "sheet '{sheet}' row {row}"),
    "ldg_row": ("第 {row} 行", "row {row}"),
    "ldg_bad_header": ("表头不符：应为 {expected}；实际为 {found}", "wrong header: expected {expected}; found {found}"),
    "ldg_empty_sheet": ("是空表（没有表头）", "is empty (no header row)"),
    "ldg_no_rows": ("没有任何任务行", "there are no task rows"),
    "ldg_missing_id": ("缺少任务编号", "the task id is missing"),
    "ldg_unknown_id": ("未知的任务编号 {id}", "unknown task id {id}"),
    "ldg_duplicate": ("任务 {id} 重复（{first}已有）", "task {id} is duplicated (already in {first})"),
    "ldg_formula": (
        "“{column}”是公式（{formula}），请直接填写数值或文字",
        "'{column}' holds a formula ({formula}); type the value or text itself",
    ),
    "ldg_protected_edited": (
        "受保护的“{column}”列被修改；本期情况请填在“本期数值”“本期状态”“本期进展情况”列",
        "the protected column '{column}' was edited; put this round's figures in New value, New status and New note",
    ),
    "ldg_check_damaged": (
        "“校验码”缺失或被修改，无法核对受保护的列；请用 hedong export 导出的原表填报",
        "the check code is missing or damaged, so the protected columns cannot be verified; fill in the sheet hedong export wrote",
    ),
    "ldg_catalog_changed": (
        "“{column}”与当前任务清单不符（台账导出后清单已变更），请重新导出",
        "'{column}' no longer matches the catalogue (it changed after the export); export a new ledger",
    ),
    "ldg_not_number": ("“{column}”不是数字：{value}", "'{column}' is not a number: {value}"),
    "ldg_value_not_quant": (
        "任务 {id} 不是量化指标，“{column}”应留空，情况请写在进展情况中",
        "task {id} has no numeric target; leave '{column}' empty and describe progress in the note",
    ),
    "ldg_negative": ("“{column}”不能为负数：{value}", "'{column}' must not be negative: {value}"),
    "ldg_bad_status": (
        "“{column}”是未知的状态：{value}（可用：{allowed}）",
        "'{column}': unknown status {value} (allowed: {allowed})",
    ),
    "ldg_problems": ("发现 {n} 个问题，未写入任何记录", "{n} problem(s) found; nothing was written"),
    "ldg_more_problems": ("……另有 {n} 个问题未列出", "... and {n} more problem(s)"),
    # damaged files: one line each
    "ldg_not_found": ("找不到文件 {path}", "file not found: {path}"),
    "ldg_unreadable": ("无法读取 {path}：{error}", "cannot read {path}: {error}"),
    "ldg_encrypted": (
        "{path} 是设有打开密码的加密工作簿或旧版 .xls 文件；请在 Excel 中取消密码并另存为 .xlsx 后再导入",
        "{path} is a password-protected (encrypted) workbook or an old .xls file; remove the password and save it as .xlsx",
    ),
    "ldg_not_xlsx": ("{path} 不是有效的 .xlsx 文件（{error}）", "{path} is not a valid .xlsx file ({error})"),
    "ldg_bad_encoding": (
        "{path} 不是 UTF-8 或 GB18030 编码的文本，无法作为 CSV 读取",
        "{path} is not UTF-8 or GB18030 text, so it cannot be read as CSV",
    ),
    "ldg_bad_csv": ("{path} 不是有效的 CSV 文件：{error}", "{path} is not a valid CSV file: {error}"),
    "ldg_import_ext": ("无法导入 {path}：只支持 .xlsx 和 .csv 文件", "cannot import {path}: only .xlsx and .csv files"),
    # import preview
    "imp_chg_value": ("数值 {old} -> {new}", "value {old} -> {new}"),
    "imp_chg_status": ("状态 {old} -> {new}", "status {old} -> {new}"),
    "imp_blank": ("空", "none"),
    "imp_chg_note": ("进展情况：{note}", "note: {note}"),
    "imp_summary": (
        "读取 {rows} 行：{changes} 项有变更，{same} 项不变（与 {date} 的进度日志比较）",
        "{rows} rows read: {changes} to record, {same} unchanged (compared with the journal on {date})",
    ),
    "imp_more": ("……另有 {n} 项变更未列出（--limit 0 列出全部）", "... and {n} more changes (--limit 0 lists all)"),
    "imp_nothing": ("与进度日志一致，没有需要写入的变更", "nothing differs from the journal; nothing to write"),
    "imp_dry_run": ("试运行（--dry-run）：未写入任何记录", "dry run: nothing was written"),
    "imp_confirm": ("写入以上 {n} 条记录？", "Write these {n} entries?"),
    "imp_cancelled": ("已取消，未写入任何记录", "cancelled; nothing was written"),
    "imp_written": (
        "已写入 {n} 条记录（#{first}–#{last}），日期 {date}",
        "wrote {n} entries (#{first}-#{last}) dated {date}",
    ),
    # assign
    "asg_bad_unit": (
        "单位名称“{unit}”无效：不能为空或含控制字符",
        "invalid unit name '{unit}': empty or with control characters",
    ),
    "asg_done": ("已分工 #{entry}：{id} {title}  {assignment}", "assigned #{entry}: {id} {title}  {assignment}"),
    "asg_same": ("未变更：{id} {title} 已是 {assignment}", "unchanged: {id} {title} already has {assignment}"),
    # units scorecard
    "unt_col_unit": ("单位", "Unit"),
    "unt_col_tasks": ("牵头任务", "Led"),
    "unt_col_latest": ("最近报送", "Latest"),
    "unt_col_stale": ("超{days}天未报", "Silent {days}d+"),
    "unt_unassigned": ("未分配", "unassigned"),
    "unt_total": ("合计", "Total"),
    "unt_never": ("从未报送", "never"),
    "unt_title": ("各单位推进情况", "Progress by unit"),
    "unt_bad_sort": ("未知的排序列“{key}”（可用：{allowed}）", "unknown sort column '{key}' (allowed: {allowed})"),
    # weekly check-in
    "chk_need_scope": ("请用 --unit 或 --section 选择要填报的任务", "choose the tasks with --unit or --section"),
    "chk_both_scope": ("--unit 和 --section 只能选一个", "give either --unit or --section, not both"),
    "chk_header": (
        "周报填报：{scope}，共 {n} 项（序时进度 {pct}%）。直接回车保留原值；Ctrl-C 或 Ctrl-D 随时结束，已保存的保留。",
        "Weekly check-in: {scope}, {n} tasks (序时进度 {pct}%). Enter keeps the current value; Ctrl-C or Ctrl-D stops, and what was saved stays.",
    ),
    "chk_scope_unit": ("单位 {unit}", "unit {unit}"),
    "chk_scope_section": ("板块 {section}", "section {section}"),
    "chk_task": ("[{i}/{n}] {id} {title}", "[{i}/{n}] {id} {title}"),
    "chk_facts": (
        "  目标 {target}；当前值 {value}（{pct}）；序时进度 {expected}；预警 {light}；状态 {status}",
        "  target {target}; value {value} ({pct}); expected {expected}; light {light}; status {status}",
    ),
    "chk_facts_plain": (
        "  序时进度 {expected}；预警 {light}；状态 {status}",
        "  expected {expected}; light {light}; status {status}",
    ),
    "chk_last_note": ("  上次进展（{date}）：{note}", "  last note ({date}): {note}"),
    "chk_no_note": ("  上次进展：无", "  last note: none"),
    "chk_ask_value": ("  本期数值（{unit}）[{current}]: ", "  new value ({unit}) [{current}]: "),
    "chk_stripped": (
        "  （输入中的控制字符和转义序列已去除）",
        "  (control characters and escape sequences removed from the input)",
    ),
    "chk_ask_status": ("  本期状态（{choices}）[{current}]: ", "  new status ({choices}) [{current}]: "),
    "chk_ask_note": ("  本期进展情况 [回车保留]: ", "  new note [Enter keeps]: "),
    "chk_saved": ("  已保存 #{entry}", "  saved #{entry}"),
    "chk_unchanged": ("  未变更", "  unchanged"),
    "chk_retry": ("  {error}；请重新输入", "  {error}; try again"),
    "chk_finished": (
        "填报结束：保存 {saved} 项，未变更 {same} 项",
        "check-in finished: {saved} saved, {same} unchanged",
    ),
    "chk_stopped": (
        "填报已中断：已保存 {saved} 项（共 {n} 项），其余任务没有变化",
        "check-in stopped: {saved} of {n} tasks saved; the others are unchanged",
    ),
    # -- shared journal on a server (PostgreSQL) --
    "db_bad_scheme": (
        "不认识的日志地址类型 {scheme}://：请给出文件路径、sqlite:///路径 或 postgresql://用户@主机/数据库",
        "unknown journal address {scheme}://: give a file path, sqlite:///path or postgresql://user@host/dbname",
    ),
    "db_bad_url": (
        "日志地址 {url} 格式有误（应为 postgresql://用户@主机:端口/数据库）",
        "malformed journal URL {url} (expected postgresql://user@host:port/dbname)",
    ),
    "db_pg_missing": (
        '使用 PostgreSQL 日志需要 psycopg2：请安装 pip install "hedong[postgres]"',
        'a PostgreSQL journal needs psycopg2: pip install "hedong[postgres]"',
    ),
    "db_pg_timeout": (
        "连接服务器 {url} 超时（{seconds} 秒内无响应），未写入任何内容",
        "connecting to {url} timed out (no answer within {seconds} s); nothing was written",
    ),
    "db_pg_auth": (
        "服务器 {url} 拒绝登录：用户名或密码错误（密码可由 PGPASSWORD 或 ~/.pgpass 提供）",
        "{url} refused the login: wrong user or password (give the password with PGPASSWORD or ~/.pgpass)",
    ),
    "db_pg_no_database": ("服务器上没有该数据库：{url}（{error}）", "no such database on the server: {url} ({error})"),
    "db_pg_unreachable": ("无法连接服务器 {url}：{error}", "cannot reach {url}: {error}"),
    "db_pg_lost": (
        "与服务器 {url} 的连接中断：{error}；本次未完成的写入均未保存",
        "lost the connection to {url}: {error}; an unfinished write was not saved",
    ),
    "db_pg_no_schema": (
        "数据库 {url} 中还没有进度日志：请由督查室先运行 hedong db init {url}",
        "{url} holds no hedong journal yet: the office runs hedong db init {url} first",
    ),
    "db_pg_old_schema": (
        "数据库 {url} 的日志结构为第 {found} 版，本程序需要第 {known} 版：请由督查室运行 hedong db init 升级",
        "{url} has journal schema version {found}, this hedong needs {known}: the office runs hedong db init to upgrade it",
    ),
    "db_pg_unmapped": (
        "数据库角色 {role} 未对应任何单位：请督查室运行 hedong db grant 单位 --role {role}",
        "database role {role} is not mapped to a unit: the office runs hedong db grant UNIT --role {role}",
    ),
    "db_pg_refused": (
        "服务器拒绝写入（角色 {role}）：{error}；未写入任何内容",
        "the server refused the write (role {role}): {error}; nothing was written",
    ),
    "db_pg_not_yours": (
        "任务 {task} 只能由其牵头或配合单位填报（{units}）；{unit}（角色 {role}）无权写入，未写入任何内容",
        "task {task} may be written only by its lead or partner units ({units}); {unit} (role {role}) may not; nothing was written",
    ),
    "db_pg_unassigned": ("尚未分工", "not assigned yet"),
    "db_pg_no_assign": (
        "只有督查室可以分工（任务 {task}）；{unit}（角色 {role}）无权分工，未写入任何内容",
        "only the office assigns tasks (task {task}); {unit} (role {role}) may not; nothing was written",
    ),
    "db_pg_not_own": (
        "记录 #{entry} 由 {owner} 填报；{unit}（角色 {role}）只能撤销本单位的记录，未写入任何内容",
        "entry #{entry} was written by {owner}; {unit} (role {role}) may retract only its own entries; nothing was written",
    ),
    "db_pg_office_only": (
        "只有督查室（日志的所有者）可以授权；角色 {role} 不是",
        "only the office (the journal's owner) grants roles; role {role} is not it",
    ),
    "db_init_done": (
        "已在 {url} 建立进度日志（结构第 {version} 版）",
        "journal ready at {url} (schema version {version})",
    ),
    "db_init_upgraded": (
        "已将 {url} 的日志结构从第 {found} 版升级到第 {version} 版",
        "upgraded {url} from schema version {found} to {version}",
    ),
    "db_init_current": (
        "{url} 的日志结构已是第 {version} 版，无需改动",
        "{url} is already at schema version {version}; nothing to do",
    ),
    "db_init_sqlite": (
        "{url} 是 SQLite 文件：已建立或确认日志结构第 {version} 版",
        "{url} is a SQLite file: journal schema version {version} is in place",
    ),
    "db_copy_not_empty": (
        "目标日志 {target} 已有 {n} 条记录：只能复制到空日志，未写入任何内容",
        "the target journal {target} already holds {n} entries: copy only into an empty journal; nothing was written",
    ),
    "db_copy_same": ("来源与目标是同一个日志：{target}", "source and target are the same journal: {target}"),
    "db_copy_done": (
        "已复制 {n} 条记录：{source} → {target}；条数一致，逐条摘要一致（sha256 {digest}）",
        "copied {n} entries: {source} → {target}; counts match, digest of every entry matches (sha256 {digest})",
    ),
    "db_copy_mismatch": (
        "复制校验失败：来源 {n} 条（{digest}），目标 {m} 条（{target_digest}）；目标已回滚，未保留任何内容",
        "the copy does not verify: source {n} entries ({digest}), target {m} ({target_digest}); the target was rolled back",
    ),
    "db_grant_new": ("已建立登录角色 {role}，对应单位 {unit}", "login role {role} created, mapped to {unit}"),
    "db_grant_updated": ("角色 {role} 现对应单位 {unit}", "role {role} is now mapped to {unit}"),
    "db_grant_sqlite": (
        "授权只用于服务器上的日志（postgresql://…）；{path} 是单机文件",
        "grants exist only on a server journal (postgresql://…); {path} is a local file",
    ),
    "db_grants_none": ("尚未授权任何单位角色", "no unit roles granted yet"),
    "db_bad_role": (
        "角色名 {role} 无效：只用小写字母、数字和下划线，以字母开头，最长 63 个字符",
        "invalid role name {role}: lower-case letters, digits and underscores, starting with a letter, at most 63 characters",
    ),
    "db_password_empty": ("标准输入中没有密码", "no password on standard input"),
    # -- plans (分工方案: 完成时限, 分管区领导, nodes) and reporting periods: add below this line --
    "reason_behind_plan": ("落后于计划进度", "behind its plan"),
    "reason_node_missed": ("节点未完成", "a node was missed"),
    "reason_due_soon": ("节点或时限临近", "a node or its deadline is near"),
    "plan_bad_node": (
        "节点“{node}”无法识别：应为 日期:数值、日期:百分比% 或 日期:形象进度",
        "cannot read the node '{node}': use DATE:VALUE, DATE:PCT% or DATE:TEXT",
    ),
    "plan_bad_node_date": ("节点“{node}”的日期“{date}”无法识别", "cannot read the date '{date}' of the node '{node}'"),
    "plan_value_no_target": (
        "节点“{node}”是数值，但任务 {id} 没有量化目标；请用百分比或形象进度",
        "the node '{node}' is a value, but task {id} has no numeric target; use a percent or a described step",
    ),
    "plan_node_outside_year": ("节点“{node}”不在{year}年内", "the node '{node}' is outside {year}"),
    "plan_nodes_order": (
        "节点“{node}”应晚于前一节点“{before}”",
        "the node '{node}' must come after the node '{before}'",
    ),
    "plan_bad_pct": ("节点“{node}”的百分比应在0至100之间", "the percent of the node '{node}' must be 0 to 100"),
    "plan_bad_value": ("节点“{node}”的数值不能为负", "the value of the node '{node}' cannot be negative"),
    "plan_due_outside_year": ("完成时限 {due} 早于{year}年", "the due date {due} is before {year}"),
    "plan_due_before_node": (
        "完成时限 {due} 早于节点“{node}”",
        "the due date {due} comes before the node '{node}'",
    ),
    "plan_due_needs_reason": (
        "完成时限 {due} 晚于清单时限 {default}，须用 --reason 说明理由",
        "the due date {due} is later than the catalogue's {default}; give the reason with --reason",
    ),
    "plan_bad_due": (
        "完成时限“{value}”无法识别（示例：{year}-06-30、6月底、三季度末、年底前）",
        "cannot read the due date '{value}' (e.g. {year}-06-30, 6月底, 三季度末, 年底前)",
    ),
    "plan_edit_with_file": (
        "plan {mode} 不能与 --due、--leader、--node、--clear-nodes、--reason 同用",
        "plan {mode} takes none of --due, --leader, --node, --clear-nodes, --reason",
    ),
    "plan_need_file": ("plan {mode} 需要文件名，如 分工方案.xlsx", "plan {mode} needs a FILE, e.g. 分工方案.xlsx"),
    "plan_unknown_ext": (
        "无法从文件名 {path} 判断格式，请用 .xlsx、.docx 或 .csv，或加 --format",
        "cannot tell the format from the name {path}; use .xlsx, .docx or .csv, or add --format",
    ),
    "plan_as_of_edit": (
        "--as-of 只用于查看计划；调整计划的生效日期请用 --date",
        "--as-of is for reading a plan; a change takes its date from --date",
    ),
    "plan_extra_arg": ("多余的参数“{arg}”", "unexpected argument '{arg}'"),
    "plan_same": ("未变更：{id} {title} 的计划与现有相同", "unchanged: {id} {title} already has this plan"),
    "plan_done": ("已调整计划 #{entry}：{id} {title}  {plan}", "plan recorded #{entry}: {id} {title}  {plan}"),
    "plan_due_is": ("完成时限 {due}", "due {due}"),
    "plan_leader_is": ("分管区领导 {leader}", "leader {leader}"),
    "plan_nodes_are": ("节点 {nodes}", "nodes {nodes}"),
    "plan_reason_is": ("调整说明：{reason}", "reason: {reason}"),
    "plan_cleared": ("计划已清空", "plan cleared"),
    "plan_src_plan": ("计划", "plan"),
    "plan_src_catalog": ("清单", "catalogue"),
    "plan_src_year_end": ("年内完成", "within the year"),
    "plan_line_due": ("完成时限：{due}（{source}）", "Due: {due} ({source})"),
    "plan_line_reason": ("调整说明：{reason}", "Reason: {reason}"),
    "plan_line_leader": ("分管区领导：{leader}", "Leader: {leader}"),
    "plan_line_no_nodes": ("节点安排：无（按序时进度评价）", "Nodes: none (judged against 序时进度)"),
    "plan_line_expected": ("计划进度：{pct}　当前进度：{progress}", "Plan expects: {pct}; progress: {progress}"),
    "plan_line_light": ("预警：{light}（{reason}）", "Light: {light} ({reason})"),
    "plan_col_date": ("节点日期", "Date"),
    "plan_col_expects": ("节点要求", "Expects"),
    "plan_col_state": ("情况", "State"),
    "plan_node_reached": ("已完成", "reached"),
    "plan_node_missed": ("未完成", "missed"),
    "plan_node_upcoming": ("待到期", "upcoming"),
    "plan_exported": ("已导出 {n} 项任务的分工方案到 {path}", "exported the plan of {n} tasks to {path}"),
    "plan_preview": ("{id} {title}：{what}", "{id} {title}: {what}"),
    "pln_col_seq": ("序号", "No."),
    "pln_col_id": ("任务编号", "Task ID"),
    "pln_col_text": ("目标任务", "Task"),
    "pln_col_lead": ("牵头单位", "Lead unit"),
    "pln_col_partners": ("配合单位", "Partner units"),
    "pln_col_leader": ("分管区领导", "Leader"),
    "pln_col_due": ("完成时限", "Due"),
    "pln_col_nodes": ("节点安排", "Nodes"),
    "pln_col_reason": ("调整说明", "Reason"),
    "pln_title": (
        "{region}{year}年政府工作报告重点任务责任分解方案",
        "{region}{year} Government Work Report: Responsibilities for the Key Tasks",
    ),
    "pln_sheet": ("分工方案", "Plan"),
    "pln_attachment": ("附件", "Annex"),
    "pln_howto": (
        "填写浅黄色各列：牵头单位、配合单位（多个用、分隔）、分管区领导、完成时限（如 {year}-06-30、6月底、三季度末、年底前）、节点安排（每项“日期 要求”，用；分隔，要求可为数值、百分比或形象进度）；完成时限晚于清单时限的须填调整说明。留空表示不变。",
        "Fill in the pale-yellow columns: lead unit, partner units (separated by 、), leader, due date ({year}-06-30, 6月底, 三季度末, 年底前), nodes (each 'DATE EXPECTS', separated by ；; a value, a percent or a described step); a due date later than the catalogue's needs a reason. An empty cell keeps the current one.",
    ),
    "pln_formula": ("{column}是公式，请填入数值或文字", "{column} holds a formula; type the value or text instead"),
    "pln_no_id": ("缺少任务编号", "the task ID is missing"),
    "pln_duplicate": ("任务 {id} 重复（第{row}行已填）", "task {id} appears twice (first in row {row})"),
    "pln_partners_without_lead": ("填了配合单位但没有牵头单位", "partner units without a lead unit"),
    "pln_bad_due": (
        "完成时限“{value}”无法识别（示例：{year}-06-30、6月底、三季度末、年底前）",
        "cannot read the due date '{value}' (e.g. {year}-06-30, 6月底, 三季度末, 年底前)",
    ),
    "pln_no_header": (
        "找不到分工方案的表头（应含“任务编号”等列）",
        "no 分工方案 header found (it must have a Task ID column)",
    ),
    "fld_plan_expected": ("计划进度", "Plan expects"),
    "brief_span_month": ("{year}年{n}月", "{year}-{n:02d}"),
    "brief_span_quarter": ("{year}年第{cn}季度", "{year} Q{n}"),
    "brief_span_half": ("{year}年{half}", "{year} H{n}"),
    "brief_period_span": ("（{label}）", " ({label})"),
    "brief_title_span": (
        "{region}政府工作报告重点任务{label}推进情况通报（第{no}期）",
        "{region}Government Work Report: Key Tasks, {label} Progress Briefing (No. {no})",
    ),
    "brief_bad_month": ("月份“{value}”无法识别，应如 2026-10", "cannot read the month '{value}'; use e.g. 2026-10"),
    "brief_bad_quarter": (
        "季度“{value}”无法识别，应如 2026-Q3",
        "cannot read the quarter '{value}'; use e.g. 2026-Q3",
    ),
    "brief_bad_half": ("半年“{value}”无法识别，应如 2026-H1", "cannot read the half year '{value}'; use e.g. 2026-H1"),
    "brief_h_upcoming_until": ("（一）{date}前到期", "6.1 Due by {date}"),
    "brief_h_next_nodes": ("（三）近期计划节点", "6.3 Plan nodes ahead"),
    "brief_h_missed_nodes": ("（四）本期未完成节点", "6.4 Nodes missed in the period"),
    "unt_col_missed": ("节点未完成", "Nodes missed"),
    "chg_plan": ("调整计划：{plan}", "plan: {plan}"),
    # -- documents (版头, 版记, 各单位推进情况, config, ledger print): add below this line --
    "brief_title_lines": (
        "{region}{year}年政府工作报告\n重点任务推进情况周报（第{no}期）",
        "{region}{year} Government Work Report:\nKey Tasks Weekly Briefing (No. {no})",
    ),
    "brief_title_span_lines": (
        "{region}政府工作报告重点任务\n{label}推进情况通报（第{no}期）",
        "{region}Government Work Report:\nKey Tasks, {label} Progress Briefing (No. {no})",
    ),
    "doc_issuer_default": ("督查通报", "Supervision Bulletin"),
    "doc_number": ("第{no}期", "No. {no}"),
    "doc_copy_to": ("抄送：{names}。", "Copied to: {names}."),
    "doc_copy_sep": ("，", ", "),
    "doc_printed": ("{date}印发", "printed {date}"),
    "doc_page": ("— {n} —", "— {n} —"),
    "brief_h_units": ("八、各单位推进情况", "8. Progress by unit"),
    "brief_units_none": ("尚未分工到单位。", "No task has a lead unit yet."),
    "brief_units_count": (
        "已分工单位{n}个，按红灯任务数排序；未分工任务{unassigned}项。",
        "{n} lead units, ranked by red tasks; {unassigned} tasks have no lead unit.",
    ),
    "brief_units_red": ("有红灯任务的单位：{units}。", "Units with red tasks: {units}."),
    "brief_units_silent": ("{when}未报送进展的单位：{units}。", "Units with no report {when}: {units}."),
    "brief_units_all_reported": ("各单位{when}均已报送进展。", "Every unit reported {when}."),
    "brief_unit_count": ("{unit}（{n}项）", "{unit} ({n})"),
    "brief_never_table": ("尚无任何进展记录的任务{n}项：", "{n} tasks have no entry at all:"),
    "brief_vs_target": ("{value}（目标{target}）", "{value} (target {target})"),
    "brief_col_expected_mark": ("应达进度", "Expected"),
    "brief_col_bar_marked": ("平均进度（红线：应达进度）", "Mean progress (red mark: expected)"),
    "brief_chart_legend_marked": (
        "图例：蓝条为平均进度，红线为应达进度：累计类指标为序时进度（{pct}%），比率类指标为全年目标（100%），"
        "板块内混合时取其平均。",
        "Legend: blue bar mean progress; red mark the expected progress: 序时进度 ({pct}%) for amounts, the "
        "full-year target (100%) for rates, their mean where a section holds both.",
    ),
    "cfg_missing": ("找不到配置文件", "config file not found"),
    "cfg_unreadable": ("无法读取配置文件：{error}", "cannot read the config file: {error}"),
    "cfg_too_big": ("配置文件超过 {kib} KiB，不像是配置文件", "the config file is over {kib} KiB; not a config file"),
    "cfg_not_utf8": ("配置文件不是 UTF-8 编码", "the config file is not UTF-8"),
    "cfg_not_mapping": ("配置文件应为“键: 值”形式的映射", "the config file must be a mapping of key: value"),
    "cfg_not_text": ("“{key}”应为文本", "'{key}' must be text"),
    "cfg_not_list": ("“{key}”应为文本列表", "'{key}' must be a list of text"),
    "ldg_footer": ("第 &P 页 共 &N 页", "Page &P of &N"),
    "ldg_dv_value_title": ("本期数值", "New value"),
    "ldg_dv_value_prompt": (
        "填写数字，单位：{unit}（不含单位名称）；不变可留空。",
        "A number in {unit} (without the unit); leave blank if unchanged.",
    ),
    "ldg_dv_value_none": (
        "该任务没有量化目标，本期数值请留空",
        "This task has no numeric target: leave the value blank",
    ),
    "ldg_dv_value_prompt_plain": ("填写数字；不变可留空。", "A number; leave blank if unchanged."),
    "ldg_dv_value_error_title": ("数值无效", "Invalid value"),
    "ldg_dv_value_error": ("本期数值须为数字（如 32 或 4.5）", "The new value must be a number (e.g. 32 or 4.5)"),
    "imp_filed_by": (
        "填报单位：{unit}，填报人：{person}（记录的录入人：{author}）",
        "Filed by {person} for {unit} (entries recorded as by {author})",
    ),
    "ldg_fill_title": ("填报信息（由填报单位填写）", "Filed by (the unit fills in)"),
    "ldg_fill_unit": ("填报单位", "Filing unit"),
    "ldg_fill_person": ("填报人", "Filed by"),
    "ldg_fill_phone": ("联系电话", "Phone"),
    "ldg_fill_reviewer": ("审核人", "Reviewed by"),
    # -- reliability: add below this line --
    "db_truncated": (
        "进度日志文件 {path} 不完整（{size} 字节，不是 {page} 字节页的整数倍），可能因复制中断或磁盘已满；请从备份恢复",
        "journal {path} is cut short ({size} bytes, not a whole number of {page}-byte pages), perhaps by an interrupted copy or a full disk; restore it from a backup",
    ),
    # -- output files, imports, limits (nothing lost, nothing overwritten) --
    "out_not_a_file": ("“{path}”不是文件名", "'{path}' is not a file name"),
    "out_not_regular": (
        "{path} 不是普通文件（如套接字或块设备），不会写入",
        "{path} is not a regular file (a socket or block device, for example); nothing was written",
    ),
    "out_in_use": (
        "不能写入 {path}：它是正在使用的进度日志或目标任务清单（{file}），写入会毁掉它",
        "refusing to write {path}: it is {file}, the journal or catalogue in use, and would be destroyed",
    ),
    "imp_not_regular": (
        "{path} 不是普通文件（管道、设备或文件夹），无法导入",
        "{path} is not a regular file (a pipe, device or folder); it cannot be imported",
    ),
    "imp_too_big": (
        "{path} 解压后超过 {limit} MiB 的导入上限（{size} MiB），未导入；请按单位或分组分别导出再导入",
        "{path} is over the import limit of {limit} MiB uncompressed ({size} MiB); nothing was imported; export and import it in parts (by unit or section)",
    ),
    "imp_too_many_rows": (
        "{path} 超过 {limit} 行的导入上限，未导入；请按单位或分组分别导出再导入",
        "{path} has more than {limit} rows, the import limit; nothing was imported; export and import it in parts (by unit or section)",
    ),
    "imp_changed_since_preview": (
        "确认后进度日志已有变化（{who}），现在写入的 {now} 条与预览的 {seen} 条不同；未写入任何内容，请重新运行导入核对",
        "the journal changed after the preview was shown ({who}): {now} entries would now be written, not the {seen} previewed; nothing was written; run the import again to review",
    ),
    "imp_someone_else": ("其他人刚导入或更新了相同任务", "someone else has just recorded some of these tasks"),
    "imp_already_recorded": (
        "预览中的变更已由其他导入或更新记录，无需再写入",
        "the previewed changes were recorded meanwhile by another import or update; nothing more to write",
    ),
    "note_too_long": (
        "进展说明过长：{n} 个字符，上限 {limit}（Excel 单元格上限）",
        "the note is too long: {n} characters, at most {limit} (the Excel cell limit)",
    ),
    "value_too_big": (
        "数值过大：{value}，绝对值上限为 {limit}",
        "the value is too large: {value}; at most {limit} in absolute value",
    ),
    "bad_range": (
        "{option} 应为 {min} 到 {max} 之间的整数：{value}",
        "{option} must be a whole number from {min} to {max}: {value}",
    ),
    "not_utf8_option": (
        "{option} 的内容不是有效的 UTF-8 文本（可能是 GBK 编码）；未写入任何内容",
        "the text given for {option} is not valid UTF-8 (GBK, perhaps); nothing was written",
    ),
    "not_utf8_env": (
        "环境变量 {name} 不是有效的 UTF-8 文本（可能是 GBK 编码）；未写入任何内容",
        "the environment variable {name} is not valid UTF-8 (GBK, perhaps); nothing was written",
    ),
    "db_not_a_file": (
        "无法打开进度日志 {path}：它不是普通文件（文件夹、设备或管道）",
        "cannot open journal {path}: it is not a regular file (a folder, device or pipe)",
    ),
    "where_read_only": ("只读", "read-only"),
    "arg_position": ("第 {n} 个参数", "argument {n}"),
    # -- catalog draft / diff: add below this line --
    "draft_missing": ("找不到报告文件 {path}", "report file {path} not found"),
    "draft_unreadable": ("无法读取报告文件 {path}：{error}", "cannot read report file {path}: {error}"),
    "draft_too_large": (
        "报告文件 {path} 超过 {mb} MB，不像一份工作报告",
        "report file {path} is larger than {mb} MB; that is not a work report",
    ),
    "draft_too_long": (
        "报告 {path} 有 {n} 个字，超过上限 {max}",
        "report {path} holds {n} characters, more than the limit of {max}",
    ),
    "draft_empty": ("报告文件 {path} 是空的", "report file {path} is empty"),
    "draft_binary": (
        "报告文件 {path} 不是文本（二进制数据）；请提供 .txt、.docx 或 .pdf",
        "report file {path} is binary, not text; give a .txt, .docx or .pdf",
    ),
    "draft_encoding": (
        "报告文件 {path} 既不是 UTF-8 也不是 GB18030/GBK 编码",
        "report file {path} is neither UTF-8 nor GB18030/GBK text",
    ),
    "draft_bad_file": ("无法打开 {kind} 文件 {path}：{error}", "cannot open {kind} file {path}: {error}"),
    "draft_docx_missing": ("读取 .docx 需要 python-docx", "reading .docx needs python-docx"),
    "draft_pdf_extra": (
        '读取 PDF 需要可选组件：pip install "hedong[pdf]"',
        'reading a PDF needs the optional extra: pip install "hedong[pdf]"',
    ),
    "draft_pdf_no_text": (
        "PDF 文件 {path} 没有可提取的文字（可能是扫描件）",
        "PDF file {path} holds no extractable text (a scan?)",
    ),
    "draft_not_report": (
        "没有找到重点工作部分（查找了 {headings}）；不像一份政府工作报告，可用 --section-heading 指定起始标题",
        "no key-work part found (looked for {headings}); this does not look like a work report; --section-heading names the heading to start at",
    ),
    "draft_heading_not_found": (
        "报告中没有以“{heading}”开头的段落",
        "no paragraph of the report starts with '{heading}'",
    ),
    "draft_no_sections": (
        "重点工作部分没有找到（一）（二）…或一是、二是…分节",
        "the key-work part has no sections marked （一）（二）… or 一是、二是…",
    ),
    "draft_no_tasks": (
        "重点工作部分找到了分节，但没有识别出任何任务",
        "the key-work part has sections but no task could be found in them",
    ),
    "draft_no_year": ("无法从报告判断年份；请用 --year 指定", "cannot tell the report's year; give it with --year"),
    "draft_bad_year": ("年份 {year} 不在 2000-2100 之间", "year {year} is not between 2000 and 2100"),
    "draft_goals_title": ("主要预期目标", "主要预期目标"),
    "draft_header": (
        "由 hedong catalog draft 根据 {source} 生成的 {year} 年目录草稿",
        "{year} catalogue drafted by hedong catalog draft from {source}",
    ),
    "draft_header_review": (
        "请逐条核对“# 待核”注释，再运行 hedong check --data 本文件",
        "review every '# 待核' comment, then run hedong check --data on this file",
    ),
    "draft_note_two_figures": (
        "一句中有两个数字，只取了第一个作目标",
        "two figures in one clause; the first is the target",
    ),
    "draft_note_title_cut": ("标题截断为20字", "title cut to 20 characters"),
    "draft_note_due": ("期限“{words}”未换算为日期", "deadline '{words}' not turned into a date"),
    "draft_note_baseline_rivals": (
        "回顾部分有多个可能的基数，未选用：",
        "the review gives competing baselines; none chosen:",
    ),
    "draft_note_baseline_unit": (
        "回顾部分以“{words}”计，基数按目标的单位记",
        "the review counts in {words}; the baseline takes the target's unit",
    ),
    "draft_note_baseline_lower_bound": (
        "回顾部分给的是下限（“余”“超”），基数取其数字",
        "the review gives a lower bound (余, 超); the baseline takes its figure",
    ),
    "draft_note_baseline_no_target": (
        "任务没有数量目标，基数按字面相近选出，请核对",
        "the task has no figure; this baseline was chosen by its words alone",
    ),
    "draft_note_shared_clause": (
        "与相邻任务同出一个分句（以“、”分开的两个数字），标题和原文请核对",
        "shares one clause with the next or previous task (two figures joined by 、); check title and text",
    ),
    "draft_note_opening": (
        "出自板块的导语：它是单独的量化目标，还是本板块任务的总称？",
        "from the section's opening words: a target of its own, or a name for the section's tasks?",
    ),
    "draft_note_own_work": (
        "报告末尾的政府自身建设部分（一是、二是…）：多为工作要求，只保留能报告进展的条目",
        "the report's closing part on the government's own work (一是、二是…): mostly rules of conduct; keep only what a unit can report on",
    ),
    "draft_note_no_goals": ("没有找到主要预期目标段落", "no main expected targets paragraph found"),
    "draft_note_no_review": ("没有找到上年工作回顾部分，未填基数", "no review of last year found, so no baselines"),
    "draft_note_no_tasks": ("这里没有识别出任务", "no task found here"),
    "draft_summary": (
        "草稿：{sections} 个板块、{subsections} 个小节、{tasks} 项任务（量化 {quantitative}、节点 {milestone}、持续 {ongoing}）；目标 {targets} 个，期限 {due} 个，基数 {baselines} 个；待核 {flagged} 项",
        "draft: {sections} sections, {subsections} subsections, {tasks} tasks ({quantitative} quantitative, {milestone} milestones, {ongoing} ongoing); {targets} targets, {due} due dates, {baselines} baselines; {flagged} flagged for review",
    ),
    "draft_output_is_input": (
        "-o {path} 就是报告文件本身；请另选输出文件",
        "-o {path} is the report itself; choose another output file",
    ),
    "draft_written": ("已写入 {path}", "written to {path}"),
    "diff_added": ("新增", "added"),
    "diff_removed": ("删除", "removed"),
    "diff_retexted": ("改文", "retexted"),
    "diff_target": ("改目标", "target"),
    "diff_renumbered": ("改编号", "renumbered"),
    "diff_none": ("两个目录的任务相同", "the two catalogues hold the same tasks"),
    "diff_summary": (
        "新增 {added} 项，删除 {removed} 项，改文 {retexted} 项，改编号 {renumbered} 项，改目标 {target} 项",
        "{added} added, {removed} removed, {retexted} retexted, {renumbered} renumbered, {target} targets changed",
    ),
    "plan_node_not_finite": (
        "节点“{node}”的数值应为有限的数字",
        "the node '{node}' must hold a finite number",
    ),
    "draft_not_regular": (
        "报告文件 {path} 不是普通文件（管道或设备）；请提供 .txt、.docx 或 .pdf 文件",
        "report file {path} is not a regular file (a pipe or a device); give a .txt, .docx or .pdf file",
    ),
    "plan_value_too_big": (
        "节点“{node}”的数值过大，绝对值上限为 {limit}",
        "the value of the node '{node}' is too large; at most {limit} in absolute value",
    ),
    "cat_not_regular": (
        "不是普通文件（管道、设备或文件夹），无法作为目标任务清单读取",
        "not a regular file (a pipe, a device or a folder); a catalogue must be a file",
    ),
    "pln_text_edited": (
        "“{column}”列是报告原文，不能在分工方案中修改；请恢复原文（改任务请改目标任务清单）",
        "the '{column}' column is the report's text and cannot be changed in the form; restore it (change the catalogue instead)",
    ),
    "plan_step_separator": (
        "节点“{node}”的形象进度不能含“；”或换行：分工方案用它们分隔节点",
        "the node '{node}' cannot hold '；' or a line break in its step: the 分工方案 separates nodes with them",
    ),
    # -- inputs: one rule for every text field (names, reasons, notes), plan dates, --config, interrupts --
    "name_unsafe": ("{field}“{name}”含控制字符", "{field} '{name}' holds control characters"),
    "name_too_long": (
        "{field}“{start}…”有 {n} 个字，超过 {max} 个字的上限",
        "{field} '{start}…' is {n} characters long, more than the {max} allowed",
    ),
    "field_leader": ("分管区领导", "the leader"),
    "field_lead": ("牵头单位", "the lead unit"),
    "field_partner": ("配合单位", "the partner unit"),
    "field_by": ("填报人（--by）", "the reporter (--by)"),
    "field_env": ("环境变量 {name}", "the variable {name}"),
    "field_reason": ("调整说明", "the reason"),
    "field_step": ("形象进度", "the step"),
    "note_stripped": (
        "（进展说明中的控制字符和转义序列已去除）",
        "(control characters and escape sequences removed from the note)",
    ),
    "imp_notes_stripped": (
        "（{n} 条进展说明中的控制字符和转义序列已去除）",
        "(control characters and escape sequences removed from {n} notes)",
    ),
    "plan_due_too_far": (
        "完成时限 {due} 晚于 {latest}（清单年度后 {years} 年）；如确需如此，须同时用 --reason 说明理由",
        "the due date {due} is after {latest} ({years} years after the catalogue's year); if it is meant, "
        "give the reason with --reason in the same command",
    ),
    "pln_due_too_far": (
        "完成时限 {due} 晚于 {latest}（清单年度后 {years} 年）；如确需如此，须在“调整说明”列说明理由",
        "the due date {due} is after {latest} ({years} years after the catalogue's year); if it is meant, "
        "give the reason in the 'Reason' column",
    ),
    "cfg_not_regular": (
        "不是普通文件（管道、设备或文件夹），无法作为设置文件读取",
        "not a regular file (a pipe, a device or a folder); a settings file must be a file",
    ),
    "imp_interrupted_nothing": ("已中断：没有写入任何记录", "interrupted: nothing was written"),
    "imp_interrupted_written": (
        "已中断：已写入 {n} 条记录（#{first}–#{last}）",
        "interrupted: {n} entries were written (#{first}–#{last})",
    ),
    # -- district: the catalogue's region, ceilings, init, where, the city view --------------------------
    "reason_not_reported": ("未报送", "not reported"),
    "reason_over_ceiling": ("超出上限", "over its ceiling"),
    "why_over_ceiling": ("超出上限{amount}", "{amount} over its ceiling"),
    "why_points": ("{points}个百分点", "{points} points"),
    "init_replace": ("已设定清单 {path}，替换为新清单吗？", "a catalogue is already configured ({path}); replace it?"),
    "init_configured": (
        "已设定清单 {path}（{config}）；替换请加 --force，日志记录不受影响",
        "a catalogue is already configured: {path} ({config}); add --force to replace it (journal entries are kept)",
    ),
    "init_key_taken": (
        "清单键“{key}”在日志 {journal} 中已属于另一份清单（{n} 个任务编号不在新清单中，如 {id}）；请在清单中另设 key",
        "the catalogue key '{key}' already belongs to another catalogue in {journal} ({n} task ids not in this one, e.g. {id}); set another key",
    ),
    "init_key_taken_file": (
        "清单键“{key}”已属于另一份报告的清单 {path}；请在清单中另设 key",
        "the catalogue key '{key}' already belongs to another report's catalogue {path}; set another key",
    ),
    "init_review": (
        "待核标记 {n} 处（# 待核）：请逐条核对 {path}",
        "{n} marks to review (# 待核): check each in {path}",
    ),
    "init_done": (
        "已设为当前清单（清单键 {key}，记入 {config}），日志 {journal} 已就绪；下一步：hedong status",
        "now the catalogue in use (key {key}, recorded in {config}); journal {journal} is ready; next: hedong status",
    ),
    "init_env_wins": (
        "注意：$HEDONG_DATA（{path}）仍优先于设置文件中的清单",
        "note: $HEDONG_DATA ({path}) still comes before the configured catalogue",
    ),
    "city_title": ("各区县推进情况", "Progress by district"),
    "city_col_district": ("区县", "District"),
    "city_col_tasks": ("任务", "Tasks"),
    "city_col_done": ("已完成", "Done"),
    "city_col_green": ("绿", "Green"),
    "city_col_yellow": ("黄", "Yellow"),
    "city_col_red": ("红", "Red"),
    "city_col_on_schedule": ("量化达到序时", "On schedule"),
    "city_col_not_reported": ("未报送", "Not reported"),
    "city_key_twice": (
        "清单键“{key}”出现了两次（{first} 与 {second}）：同一日志中每份清单须有自己的 key",
        "the catalogue key '{key}' appears twice ({first} and {second}): each catalogue in one journal needs its own key",
    ),
    "cat_bad_region": (
        "source.region 应为一行文字（区、县或市的名称），不超过 {max} 个字",
        "source.region must be one line of text (the district, county or city), at most {max} characters",
    ),
    # -- server hardening: the journal's rules, its lock, unit roles, authors (journal/, cli/database.py) --
    "db_entry_refused": (
        "日志 {path} 拒绝了这条记录（{error}），未写入任何内容",
        "the journal {path} refused the entry ({error}); nothing was written",
    ),
    "db_entry_skipped": (
        "跳过无法读取的记录 #{entry}（{problem} 不合规则）；可由督查室用 hedong undo --entry {entry} 撤销",
        "skipped entry #{entry}, which cannot be read ({problem} breaks the rules); "
        "the office can retract it with hedong undo --entry {entry}",
    ),
    "db_copy_skipped": (
        "来源中有 {n} 条无法读取的记录未复制：#{entries}",
        "{n} entries of the source cannot be read and were not copied: #{entries}",
    ),
    "db_copy_no_source": (
        "要复制的日志不存在：{path}",
        "the journal to copy does not exist: {path}",
    ),
    "db_pg_lock_held": (
        "等待 {what} 的写锁已 {seconds} 秒：它被会话 {pid}（角色 {role}）占用，未写入任何内容；"
        "请该角色结束会话，或由数据库管理员执行 SELECT pg_terminate_backend({pid})",
        "waited {seconds} s for the write lock of {what}: session {pid} (role {role}) holds it; nothing was written. "
        "Ask that role to end its session, or have the database administrator run SELECT pg_terminate_backend({pid})",
    ),
    "db_pg_waited": (
        "服务器 {url} 上的操作等待过久而中止（{error}），未写入任何内容",
        "an operation on {url} waited too long and was stopped ({error}); nothing was written",
    ),
    "db_grant_privileged": (
        "角色 {role} 是超级用户，或可建角色、绕过行级安全：不能作为单位角色",
        "role {role} is a superuser, or may create roles or bypass row-level security: it cannot be a unit role",
    ),
    "db_grant_office": (
        "角色 {role} 是督查室（日志的所有者）或其成员：不能作为单位角色",
        "role {role} is the office (the journal's owner) or a member of it: it cannot be a unit role",
    ),
    "db_grant_not_ours": (
        "角色 {role} 已存在，但不是 hedong 为本数据库建立的（不属于 {group}）；确要把它作为单位角色，请加 --force",
        "role {role} exists but was not created by hedong for this database (it is not in {group}); "
        "to take it on as a unit role, add --force",
    ),
    "db_grant_adopted": (
        "已把原有角色 {role} 收为单位 {unit} 的角色：它现可为该单位填报{password}，原有的其他权限不变",
        "the existing role {role} is now the role of {unit}: it may now record for that unit{password}, "
        "and keeps every other right it had",
    ),
    "db_grant_password_reset": ("，口令已重设", ", its password was reset"),
    "author_stamp": ("{by}（{stamp}）", "{by} ({stamp})"),
    "db_keyword_conninfo": (
        "日志地址请写成 postgresql://用户@主机/数据库（不接受 host=… dbname=… 的写法；密码请放在 ~/.pgpass 或 PGPASSWORD）",
        "write the journal address as postgresql://user@host/dbname (not host=… dbname=…; "
        "keep the password in ~/.pgpass or PGPASSWORD)",
    ),
    # -- the 督查通报 in its genre (brief: body, 附件, settings) ------------------------------------
    "tb_phrase_week": ("第{n}周", "week {n}"),
    "tb_phrase_month": ("{n}月份", "month {n}"),
    "tb_phrase_quarter": ("第{cn}季度", "quarter {n}"),
    "tb_phrase_half": ("{half}", "half {n}"),
    "tb_title": (
        "关于{region}{year}年《政府工作报告》重点任务{phrase}推进情况的通报",
        "{region} {year} work report: key tasks, progress {phrase}",
    ),
    "tb_title_lines": (
        "关于{region}{year}年《政府工作报告》\n重点任务{phrase}推进情况的通报",
        "{region} {year} work report:\nkey tasks, progress {phrase}",
    ),
    "tb_recipients_default": ("各有关单位：", "To all units concerned:"),
    "tb_date_short": ("{m}月{d}日", "{iso}"),
    "tb_span": ("{start}至{end}", "{start} to {end}"),
    "tb_lead_unit": ("（{unit}牵头或配合的任务）", " (tasks {unit} leads or supports)"),
    "tb_lead_in": (
        "现将{region}{year}年《政府工作报告》重点任务{unit}{span}推进情况通报如下。",
        "Progress of the key tasks of the {region} {year} work report{unit}, {span}, as the units reported it.",
    ),
    "tb_h_overview": ("一、总体情况", "1. Overview"),
    "tb_h_progress": ("二、主要进展", "2. Main progress"),
    "tb_h_problems": ("三、存在问题", "3. Problems"),
    "tb_h_next": ("四、下步工作要求", "4. Requirements for the next period"),
    "tb_overview": (
        "截至{date}，序时进度为{expected}%。{total}项重点任务中，已完成{done}项，占{done_pct}；"
        "已报送进展、按序时进度或计划推进{on}项，占{on_pct}；已报送进展、进度滞后{behind}项，占{behind_pct}；"
        "尚未报送进展{silent}项，占{silent_pct}。",
        "As of {date}, 序时进度 {expected}%. Of {total} tasks, {done} are done ({done_pct}); {on} reported and on "
        "schedule or plan ({on_pct}); {behind} reported and behind ({behind_pct}); {silent} not reported ({silent_pct}). ",
    ),
    "tb_overview_lights": (
        "按预警规则，亮绿灯{green}项（含已完成）、黄灯{yellow}项、红灯{red}项，红灯任务中尚未报送进展的{silent_red}项。",
        "By the light rules: {green} green (done included), {yellow} yellow, {red} red, {silent_red} of the red "
        "never reported.",
    ),
    "tb_overview_lights_plain": (
        "按预警规则，亮绿灯{green}项（含已完成）、黄灯{yellow}项、红灯{red}项。",
        "By the light rules: {green} green (done included), {yellow} yellow, {red} red.",
    ),
    "tb_lagging_plain": (
        "红灯任务{red}项、黄灯任务{yellow}项，分布为：{sections}。",
        "{red} red and {yellow} yellow tasks, by section: {sections}.",
    ),
    "tb_overview_quant": (
        "{quant}项量化指标中，达到序时进度{on}项，占{on_pct}；未达到{behind}项，占{behind_pct}。",
        "Of {quant} quantitative targets, {on} are on schedule ({on_pct}) and {behind} behind ({behind_pct}).",
    ),
    "tb_overview_goals": ("主要预期目标方面，{goals}。", " Main goals: {goals}."),
    "tb_goal": ("“{title}”最新为{value}（{date}）", "'{title}' latest {value} ({date})"),
    "tb_clause_sep": ("，", "; "),
    "tb_item_sep": ("；", "; "),
    "tb_nothing_reported": (
        "本期未收到任何单位报送的进展。未报送单位：{units}。",
        "No unit reported in the period. Units that did not report: {units}.",
    ),
    "tb_no_units": ("尚未分工到单位", "no task has a lead unit yet"),
    "tb_and_more": ("等", " and others"),
    "tb_progress_none": ("{when}无新报送进展。", "No progress reported {when}."),
    "tb_progress_count": (
        "{when}共有{tasks}项任务报送进展{entries}条，主要有：",
        "{tasks} tasks reported {entries} entries {when}, among them:",
    ),
    "tb_progress_rest": ("其余{n}项任务的进展见附件1。", "The other {n} tasks' progress is in Attachment 1."),
    "tb_sub": ("（{n}）{title}。", "({n}) {title}. "),
    "tb_sub_lead": ("（{n}）{title}。", "({n}) {title}. "),
    "tb_item": ("{date}，{who}“{title}”（{id}）{facts}。", "{date}: {who}'{title}' ({id}): {facts}. "),
    "tb_who_lead": ("{lead}牵头的", "led by {lead}, "),
    "tb_fact_done": ("已完成", "done"),
    "tb_fact_amount": (
        "报送完成{value}，为年度目标{target}的{share}",
        "reported {value}, {share} of the target {target}",
    ),
    "tb_fact_rate": ("报送数值{value}（目标{target}）", "reported {value} (target {target})"),
    "tb_fact_value": ("报送数值{value}", "reported {value}"),
    "tb_fact_status": ("状态为{status}", "status {status}"),
    "tb_fact_note": ("报送：“{note}”", "reported: “{note}”"),
    "tb_p_lagging": ("部分任务进度滞后", "Tasks behind"),
    "tb_lagging": (
        "红灯任务{red}项、黄灯任务{yellow}项（其中尚未报送进展的{silent}项），分布为：{sections}。",
        "{red} red and {yellow} yellow tasks ({silent} of them never reported), by section: {sections}.",
    ),
    "tb_count_of": ("{name}{n}项", "{name} {n}"),
    "tb_p_units": ("部分单位红灯任务较多", "Units with red tasks"),
    "tb_red_units": ("红灯任务较多的单位：{units}。", "Red tasks by unit: {units}."),
    "tb_p_deadlines": ("部分节点和时限未按期实现", "Nodes and deadlines missed"),
    "tb_missed_node": ("{who}“{title}”计划{date}前{expects}", "{who}'{title}': {expects} by {date}"),
    "tb_missed_nodes": ("本期{n}个计划节点未按期实现：{items}。", "{n} plan nodes missed in the period: {items}. "),
    "tb_overdue": ("{who}“{title}”完成时限为{date}", "{who}'{title}', due {date}"),
    "tb_overdue_tasks": ("{n}项任务已超过完成时限尚未完成：{items}。", "{n} tasks are overdue: {items}."),
    "tb_p_silent": ("部分单位未按时报送", "Units that did not report"),
    "tb_silent_units": (
        "{when}{n}个单位未报送进展：{units}（详见附件2）。",
        "{n} units did not report {when}: {units} (see Attachment 2). ",
    ),
    "tb_never_reported": (
        "另有{n}项任务自年初以来未报送任何进展。",
        "{n} tasks have had no report at all this year (not reported is not the same as not started).",
    ),
    "tb_no_problems": ("本期未发现进度滞后、节点逾期或未报送的情况。", "No task is behind, overdue or unreported."),
    "tb_node_ahead_value": ("{who}“{title}”须于{date}前达到{expects}", "{who}'{title}': reach {expects} by {date}"),
    "tb_missed_node_value": ("{who}“{title}”计划{date}前达到{expects}", "{who}'{title}': {expects} by {date}"),
    "tb_never_reported_only": ("{n}项任务自年初以来未报送任何进展。", "{n} tasks have had no report at all this year."),
    "tb_node_ahead": ("{who}“{title}”须于{date}前{expects}", "{who}'{title}': {expects} by {date}"),
    "tb_due_ahead": ("{who}“{title}”完成时限为{date}", "{who}'{title}' is due {date}"),
    "tb_req_ahead_title": ("紧盯近期节点", "Watch the nodes ahead"),
    "tb_req_ahead": ("{date}前到期的节点和时限有：{items}。", "Due by {date}: {items}."),
    "tb_see_attach": ("共{n}项，详见附件1。", " {n} in all: Attachment 1."),
    "tb_req_rectify_title": ("抓好滞后任务整改", "Rectify the tasks behind"),
    "tb_req_rectify": (
        "{units}要对所牵头的{n}项红灯任务逐项分析原因，明确整改措施和完成时限。",
        "{units}: analyse each of the {n} red tasks you lead and set measures and dates to catch up. ",
    ),
    "tb_req_rectify_unassigned": (
        "另有{n}项红灯任务尚未明确牵头单位，要尽快明确责任单位。",
        "{n} more red tasks have no lead unit yet: name one for each.",
    ),
    "tb_req_rectify_unassigned_all": (
        "{n}项红灯任务尚未明确牵头单位，要尽快明确责任单位。",
        "{n} red tasks have no lead unit yet: name one for each.",
    ),
    "tb_req_default": (
        "压实工作责任。各牵头单位要对照目标任务和计划节点逐项推进，确保按期完成。\n"
        "如实报送进展。各单位要按时如实报送进展，反映推进中的困难和问题。",
        "Hold to account. Each lead unit works through its targets and plan nodes; partners support.\n"
        "Report truthfully and on time, with the difficulties met.",
    ),
    "tb_req_lead": ("{n}是{title}。", "{n}. {title}. "),
    "tb_req_lead_plain": ("{n}是", "{n}. "),
    "tb_attach_item": ("附件：{n}．{title}", "Attachments: {n}. {title}"),
    "tb_attach_item_more": ("　　　{n}．{title}", "             {n}. {title}"),
    "tb_attach_label": ("附件{n}", "Attachment {n}"),
    "tb_attach1": ("重点任务推进情况表", "Key tasks: progress"),
    "tb_attach1_lagging": ("重点任务推进情况表（红灯、黄灯任务）", "Key tasks: progress (red and yellow)"),
    "tb_attach1_note": (
        "注：数据截至{date}，序时进度{pct}%。进度对累计类指标为完成进度（应达进度：序时进度，有计划的按计划），"
        "对比率类指标为最新值与目标。",
        "Data as of {date}; 序时进度 {pct}%. Progress: share of the target (expected: 序时进度, or the plan); "
        "for rates, the latest value against the target.",
    ),
    "tb_attach2": ("未按时报送单位及任务", "Units that did not report, and their tasks"),
    "tb_col_progress": ("进度（应达）", "Progress (expected)"),
    "tb_col_latest": ("最新进展情况", "Latest progress"),
    "tb_col_tasks_n": ("任务数", "Tasks"),
    "tb_col_tasks": ("牵头任务", "Tasks led"),
    "tb_col_last_report": ("最近报送", "Last report"),
    "tb_vs_mark": ("{value}（应达{mark}）", "{value} (expected {mark})"),
    "tb_latest": ("{date}：{note}", "{date}: {note}"),
    "tb_not_reported": ("未报送", "not reported"),
    "tb_never": ("未报送", "never"),
    "tb_unassigned_silent": (
        "另有{n}项任务尚未分工到牵头单位，亦未报送进展。",
        "{n} more tasks have no lead unit and no report.",
    ),
    "tb_before_series": (
        "本期早于{kind}系列的第1期（设置中 first: {first}）；请用 --no 指定期号",
        "this period comes before the first issue of the {kind} series (first: {first} in the settings); give --no",
    ),
    "tb_cfg_fallback": ("；已改用默认值", "; the default is used"),
    "tb_cfg_missing": ("未设置 {key}，已使用默认值", "{key} is not set; the default is used"),
    "tb_cfg_too_many": ("{key} 最多 {max} 项", "{key} holds at most {max} items"),
    "tb_cfg_series": (
        "{key} 应为 week/month/quarter/half 之一，各含 issuer（文字）和 first（1-53 的整数）",
        "{key} must be one of week/month/quarter/half, each with issuer (text) and first (an integer 1-53)",
    ),
    "tb_attach_option": ("--attach 只能是 all 或 lagging", "--attach must be all or lagging"),
    # -- printdocs: the 台账 and the 分工方案 fit to print, moved deadlines marked --
    "ldg_adjusted_footnote": (
        "* 完成时限已调整，原时限和调整说明见“汇总”表",
        "* due date moved by the plan: see Summary",
    ),
    "ldg_adjusted_title": ("完成时限调整情况", "Due dates moved by the plans"),
    "ldg_adjusted_from": ("原完成时限", "Original due date"),
    "ldg_adjusted_to": ("调整后完成时限", "Due date now"),
    "ldg_adjusted_comment": (
        "完成时限已调整。原完成时限：{original}。调整说明：{reason}",
        "Due date moved from {original}. Reason: {reason}",
    ),
    "pln_adjusted_mark": ("（调整）", " (moved)"),
    "pln_adjusted_notes": ("完成时限调整说明：", "Due dates moved:"),
    "pln_adjusted_note": (
        "{id}　{title}：原完成时限{original}，调整为{due}。{reason}",
        "{id} {title}: due {original}, moved to {due}. {reason}",
    ),
    "ldg_note_cut": ("……（全文{n}字，见 hedong show {id}）", "... ({n} characters in all: hedong show {id})"),
    "ldg_reason_cut": ("……（全文{n}字，见 hedong plan {id}）", "... ({n} characters in all: hedong plan {id})"),
    "pln_no_reason": ("（未填写调整说明）", "(no reason given)"),
    "pln_header_unit": ("{year}年政府工作报告重点任务分工方案", "{year} work report: responsibility table"),
    # -- catalogue drafter: limits on what a report file may cost to read, and the source block --
    "draft_docx_too_big": (
        "Word 文件 {path} 的正文解压后有 {size} MB，超过 {limit} MB 的上限，不像一份工作报告；未读取",
        "the text of the Word file {path} inflates to {size} MB, over the limit of {limit} MB; that is not a work report; nothing was read",
    ),
    "draft_docx_ratio": (
        "Word 文件 {path} 的正文压缩比为 {ratio} 倍，超过 {limit} 倍的上限（压缩炸弹）；未读取",
        "the text of the Word file {path} inflates {ratio} times, over the limit of {limit} (a zip bomb); nothing was read",
    ),
    "draft_note_region_missing": (
        "报告开头没有写明地区（区、县、市），请填写 region",
        "the report's opening names no region (district, county or city); fill in region",
    ),
    "draft_note_region_weak": (
        "地区取自“人民政府”或“区长”等字样，报告开头未写人民代表大会",
        "region taken from 人民政府 or the head's title; the opening names no people's congress",
    ),
    "draft_note_region_rivals": (
        "报告开头还提到：{words}",
        "the report's opening also names: {words}",
    ),
    "draft_note_report_composed": (
        "报告标题未写年份，按地区和年份拼出",
        "the report's title gives no year; composed from the region and the year",
    ),
    "draft_note_report_file": (
        "报告中没有找到标题，此处为文件名",
        "no title found in the report; this is the file name",
    ),
    "draft_note_existing": (
        "“{words}”数的是句中列举或已有的事物，未作为目标",
        "'{words}' counts things the sentence names or keeps, so it is not taken as a target",
    ),
    "draft_note_listed_figures": (
        "同一句列出几个数字，每个数字一项任务，原文相同",
        "the sentence lists several figures: one task each, with the same text",
    ),
    "draft_leading_title": ("起始段落", "opening paragraphs"),
    "draft_note_leading": (
        "--section-heading 指向的段落不是“（一）”式标题，其后到下一个标题之间的段落归入此板块；请补上板块标题",
        "the --section-heading paragraph is no （一） heading: the paragraphs up to the next heading are this section; give it its title",
    ),
    "draft_looks_like_toc": (
        "这像是目录页（标题后跟页码），不是报告正文；请提供报告全文",
        "this looks like a table of contents (headings followed by page numbers), not the report's text; give the whole report",
    ),
    "draft_note_baseline_lead": (
        "基数仅凭“{words}”二字与回顾部分对上，请核对",
        "baseline matched on '{words}' alone, the thing both figures count; check it",
    ),
    "draft_note_goals_only": (
        "没有找到重点工作的分节，草稿只含主要预期目标（摘录或新闻稿？）",
        "no key-work sections found: the draft holds the main targets only (an excerpt or a news report?)",
    ),
    "draft_note_shared_figure": (
        "同一个数字对应句中列出的几个指标，每个指标一项任务，原文相同",
        "one figure for the several indicators the sentence names: one task each, with the same text",
    ),
    "draft_too_many_tasks": (
        "识别出的任务超过 {max} 项（已到 {n} 项），不像一份工作报告；未生成草稿",
        "more than {max} tasks found ({n} so far); that is not a work report; no draft was made",
    ),
    # -- city: the city 通报 (brief --city), init on the shipped catalogue's report ---------------------
    "cb_title": (
        "关于各区县{year}年《政府工作报告》重点任务{phrase}推进情况的通报",
        "Districts' {year} work reports: key tasks, progress {phrase}",
    ),
    "cb_title_lines": (
        "关于各区县{year}年《政府工作报告》\n重点任务{phrase}推进情况的通报",
        "Districts' {year} work reports:\nkey tasks, progress {phrase}",
    ),
    "cb_recipients_default": ("各区县人民政府：", "To the district and county governments:"),
    "cb_lead_in": (
        "现将{n}个区县{year}年《政府工作报告》重点任务截至{date}推进情况通报如下。",
        "Progress of the key tasks of {n} districts' {year} work reports as of {date}, as their journals hold it.",
    ),
    "cb_h_problems": ("二、存在问题", "2. Problems"),
    "cb_h_next": ("三、下步工作要求", "3. Requirements for the next period"),
    "cb_overview": (
        "截至{date}，{n}个区县共有重点任务{tasks}项，已完成{done}项，占{done_pct}；亮绿灯{green}项（含已完成）、"
        "黄灯{yellow}项、红灯{red}项；量化指标{quant}项，达到序时进度{on}项，占{on_pct}；尚未报送进展{silent}项，"
        "占{silent_pct}。",
        "As of {date}, the {n} districts have {tasks} key tasks: {done} done ({done_pct}); {green} green (done "
        "included), {yellow} yellow, {red} red; {quant} quantified targets, {on} on schedule ({on_pct}); {silent} "
        "not reported ({silent_pct}).",
    ),
    "cb_district_lead": ("（{n}）{name}。", "({n}) {name}. "),
    "cb_overview_district": (
        "序时进度{expected}%。重点任务{tasks}项，已完成{done}项，占{done_pct}；亮绿灯{green}项、黄灯{yellow}项、"
        "红灯{red}项；量化指标{quant}项，达到序时进度{on}项；尚未报送进展{silent}项，占{silent_pct}。",
        "序时进度 {expected}%. {tasks} tasks, {done} done ({done_pct}); {green} green, {yellow} yellow, {red} red; "
        "{quant} quantified targets, {on} on schedule; {silent} not reported ({silent_pct}).",
    ),
    "cb_item": ("{name}{n}项", "{name} {n}"),
    "cb_item_share": ("{name}{n}项（占{pct}）", "{name} {n} ({pct})"),
    "cb_problem_red": (
        "{k}个区县有红灯任务，共{n}项：{items}。",
        "{k} districts have red tasks, {n} in all: {items}.",
    ),
    "cb_problem_silent": (
        "{k}个区县有任务尚未报送进展，共{n}项：{items}。",
        "{k} districts have tasks not reported, {n} in all: {items}.",
    ),
    "cb_problem_behind": (
        "{k}个区县有量化指标未达到序时进度（含尚未报送），共{n}项：{items}。",
        "{k} districts have quantified targets not on schedule (unreported included), {n} in all: {items}.",
    ),
    "cb_problems_none": (
        "各区县均无红灯任务，全部任务均已报送进展，量化指标均达到序时进度。",
        "No district has a red task, every task is reported and every quantified target is on schedule.",
    ),
    "cb_req_red_title": ("抓好红灯任务整改", "Rectify the red tasks"),
    "cb_req_red": (
        "{names}要对红灯任务逐项分析原因，明确整改措施和完成时限。",
        "{names}: analyse each red task, and set its measures and deadline.",
    ),
    "cb_req_silent_title": ("按时报送进展", "Report on time"),
    "cb_req_silent": (
        "{names}要督促牵头单位按时如实报送尚未报送的任务进展。",
        "{names}: have the lead units report the tasks not yet reported, on time and truthfully.",
    ),
    "cb_req_default": (
        "压实工作责任。各区县要对照目标任务和计划节点逐项推进，确保按期完成。",
        "Hold to account. Each district works through its targets and plan nodes, to finish on time.",
    ),
    "cb_col_rank": ("排名", "Rank"),
    "cb_col_green_pct": ("绿灯占比", "Green share"),
    "cb_col_not_reported_pct": ("未报送占比", "Not reported share"),
    "cb_attach_title": ("各区县推进情况排名表", "Districts ranked by progress"),
    "cb_attach_note": (
        "注：数据截至{date}，序时进度{pct}%。排名依次按绿灯任务占比（含已完成）从高到低、红灯任务占比从低到高、"
        "未报送任务占比从低到高排列；量化达到序时一栏为达到序时进度的量化指标数/量化指标数。",
        "Note: as of {date}, 序时进度 {pct}%. Ranked by the share of green tasks (done included), highest first, "
        "then the share red, lowest first, then the share not reported, lowest first; On schedule reads quantified "
        "targets on schedule / quantified targets.",
    ),
    "cb_city_conflict": (
        "--city 通报各区县清单，不能与 --unit 或 --attach lagging 同用",
        "--city briefs the districts' catalogues: it cannot be combined with --unit or --attach lagging",
    ),
    "init_shipped": (
        "这是随 hedong 提供的清单所据的报告（{region}{year}年）：沿用已核对的清单 {path}，清单键不变，已有记录照常可见",
        "this is the report of the catalogue shipped with hedong ({region} {year}): its reviewed catalogue {path} is used, under its own key, so existing entries stay visible",
    ),
    # -- 通报 (tongbao2): the 版记 on an even page, nodes reached in 主要进展
    "cfg_not_bool": ("“{key}”应为 true 或 false", "'{key}' must be true or false"),
    "tb_fact_node": ("达到计划节点（{date}{expects}）", "reached the plan's node ({date}: {expects})"),
    "tb_fact_node_value": ("达到计划节点（{date}前达到{expects}）", "reached the plan's node ({expects} by {date})"),
    # -- web desk (hedong serve, hedong user) --
    "field_account": ("账号", "account"),
    "field_unit": ("单位", "the unit"),
    "password_length": ("密码须为 {min} 至 {max} 个字符", "a password has {min} to {max} characters"),
    "password_stdin_empty": ("标准输入没有给出密码", "no password on standard input"),
    "account_name_empty": ("账号名不能为空", "the account name is empty"),
    "account_unit_empty": ("单位名不能为空", "the unit name is empty"),
    "account_exists": ("账号 {name} 已存在", "account {name} exists already"),
    "account_unknown": (
        "没有账号 {name}（hedong user list 列出全部账号）",
        "no account {name} (hedong user list lists them)",
    ),
    "account_office": ("督查室", "the office"),
    "account_disabled": ("已停用", "disabled"),
    "account_must_change": ("待改密码", "must change its password"),
    "user_unit_or_office": ("请给出 --unit 单位 或 --office 之一", "give one of --unit UNIT or --office"),
    "user_added": ("已添加账号 {name}（{who}）", "account {name} added ({who})"),
    "user_one_time_password": (
        "一次性密码：{password}（首次登录须修改）",
        "one-time password: {password} (to be changed at the first login)",
    ),
    "user_reset": ("已重置账号 {name} 的密码", "password of {name} reset"),
    "user_disabled": ("已停用账号 {name}", "account {name} disabled"),
    "web_title": ("重点任务报送", "Key tasks: reporting desk"),
    "web_overview": ("总览", "Overview"),
    "web_units": ("单位", "Units"),
    "web_missing": ("未报送", "Not reported"),
    "web_downloads": ("下载", "Downloads"),
    "web_retract": ("退回", "Send back"),
    "web_unit_tasks": ("本单位任务", "Our tasks"),
    "web_logout": ("退出", "Log out"),
    "web_back": ("返回", "Back"),
    "web_login": ("登录", "Log in"),
    "web_password": ("密码", "Password"),
    "web_change_password": ("修改密码", "Change the password"),
    "web_must_change": ("首次登录，请先修改密码。", "First login: change the password first."),
    "web_old_password_label": ("当前密码", "Current password"),
    "web_new_password": ("新密码（至少10个字符）", "New password (10 characters or more)"),
    "web_again_password": ("再次输入新密码", "New password again"),
    "web_save": ("保存", "Save"),
    "web_reported": ("本期（{start} 起）已报送；截止 {due}。", "Reported this period (from {start}); due {due}."),
    "web_not_reported": (
        "本期（{start} 起）尚未报送，请于 {due} 前报送。",
        "Not reported this period (from {start}); due {due}.",
    ),
    "web_no_tasks": ("本单位暂无牵头或配合的任务。", "No task is assigned to this unit."),
    "web_target": ("目标", "Target"),
    "web_latest": ("最新值", "Latest value"),
    "web_nodes": ("计划节点", "Plan nodes"),
    "web_value": ("完成值", "Value"),
    "web_status": ("状态", "Status"),
    "web_note": ("进展情况", "Progress note"),
    "web_submit": ("提交报送", "Submit the report"),
    "web_receipt": ("报送回执", "Receipt"),
    "web_already_recorded": (
        "此表单已提交过，以下为当时记录的内容，未重复写入。",
        "This form was submitted already: what it recorded is below; nothing was written twice.",
    ),
    "web_entry_no": ("记录号", "Entry"),
    "web_task": ("任务", "Task"),
    "web_what": ("内容", "What"),
    "web_recorded_at": ("记录时间", "Recorded"),
    "web_retracted": ("退回记录 #{entry}", "sends back entry #{entry}"),
    "web_retracted_by": ("已被 #{by} 退回", "sent back by #{by}"),
    "web_section": ("板块", "Section"),
    "web_due": ("完成时限", "Due"),
    "web_light": ("预警", "Light"),
    "web_history": ("历史记录", "History"),
    "web_effective": ("日期", "Date"),
    "web_who": ("填报人", "By"),
    "web_plan_entry": ("计划调整", "plan change"),
    "web_as_of": ("截至 {date}，序时进度 {expected}", "As of {date}; share of the year elapsed {expected}"),
    "web_total": ("任务数", "Tasks"),
    "web_on_schedule": ("达到序时进度", "On schedule"),
    "web_mean_progress": ("平均进度", "Mean progress"),
    "web_flagged": ("红灯、黄灯任务", "Red and yellow tasks"),
    "web_stale": ("久未报送", "Silent"),
    "web_newest": ("最近报送", "Newest report"),
    "web_no_unit": ("未明确牵头单位", "No lead unit"),
    "web_period": (
        "本期自 {start} 起，截止 {due}；{n} 个单位尚未报送。",
        "This period runs from {start}, due {due}; {n} units have not reported.",
    ),
    "web_reminder_label": ("催办提示（可复制）", "Reminder (copy it)"),
    "web_reminder": (
        "{unit}：贵单位牵头的 {n} 项重点任务（{ids}）本期尚未报送进展，请于{due}前登录报送。",
        "{unit}: your {n} lead tasks ({ids}) have no report this period; please report by {due}.",
    ),
    "web_download_ledger": ("台账", "Ledger"),
    "web_download_plan": ("分工方案", "Responsibility table"),
    "web_retract_help": (
        "退回一条报送记录须写明原因；原记录保留，单位可在任务详情中看到退回及其原因。",
        "Sending back an entry needs a reason; the entry stays, and the unit sees the send-back and its reason.",
    ),
    "web_not_your_task": (
        "任务 {id} 不由{unit}牵头或配合，无权报送；未写入任何内容",
        "task {id} is neither led nor partnered by {unit}: not written, nothing recorded",
    ),
    "web_nothing_typed": (
        "未填写任何内容；请至少填写一项任务的完成值、状态或进展",
        "nothing typed: fill in a value, status or note for at least one task",
    ),
    "web_bad_status": ("状态无效", "not a status"),
    "web_unit_no_role": (
        "{unit}在数据库中没有角色（hedong db grant）；未写入任何内容",
        "{unit} has no role on the server (hedong db grant); nothing written",
    ),
    "web_reason_empty": ("请写明退回原因", "give the reason for sending it back"),
    "web_office_only": ("此页面仅限督查室账号", "this page is for the office's accounts"),
    "web_units_only": ("仅单位账号可报送", "only a unit's account reports"),
    "web_csrf": (
        "表单已失效（或来自别处），请返回重新打开页面后再提交",
        "the form has expired (or came from elsewhere): open the page again, then submit",
    ),
    "web_journal_down": (
        "暂时无法连接台账数据库，请稍后再试；未写入任何内容",
        "the journal cannot be reached now: try again later; nothing written",
    ),
    "web_internal": ("服务器内部错误，已记录；未写入任何内容", "internal error, logged; nothing written"),
    "web_not_found": ("页面不存在", "no such page"),
    "web_too_large": ("提交的内容过大", "the form is too large"),
    "web_bad_form": ("提交的表单无法读取", "the form cannot be read"),
    "web_throttled": (
        "此地址登录失败次数过多，请15分钟后再试",
        "too many failed logins from this address: try again in 15 minutes",
    ),
    "web_login_failed": (
        "账号或密码不正确，或账号已停用、已锁定",
        "wrong account or password, or the account is disabled or locked",
    ),
    "web_old_password": ("当前密码不正确", "the current password is wrong"),
    "web_passwords_differ": ("两次输入的新密码不一致", "the two new passwords differ"),
    "web_password_same": ("新密码不能与当前密码相同", "the new password must differ from the current one"),
    "web_form_stale": ("表单已过期，请重新打开本单位任务页面后填写", "the form has expired: open the tasks page again"),
    "web_form_errors": ("有填写错误，均未写入：{first}", "some fields are wrong, nothing was written: {first}"),
    "serve_started": ("hedong 报送平台：{url}（按 Ctrl-C 停止）", "hedong desk: {url} (Ctrl-C stops it)"),
    "serve_exposed": (
        "注意：监听 {host}，不只本机可访问；请置于 HTTPS 反向代理之后（docs/serve.md）",
        "warning: listening on {host}, reachable beyond this machine; put it behind an HTTPS proxy (docs/serve.md)",
    ),
    "serve_port_in_use": (
        "端口 {port} 已被占用（或无权使用）：{error}",
        "port {port} is in use (or not allowed): {error}",
    ),
    "serve_no_extra": (
        'hedong serve 需要 web 组件：pip install "hedong[web]"',
        'hedong serve needs the web extra: pip install "hedong[web]"',
    ),
    "serve_bad_period": (
        "--period 只能是 week（每周五前）或 month（每月25日前），不是 {period}",
        "--period is week (due Friday) or month (due the 25th), not {period}",
    ),
    "web_sent_back": (
        "督查室退回的报送（请核实后重新报送）",
        "Reports the office sent back (check, then report again)",
    ),
    # PostgreSQL journal: its driver (psycopg2)
    "db_pg_nul": (
        "文字中含有 NUL 字符（0x00），PostgreSQL 日志无法保存或查找，未写入任何内容",
        "the text holds a NUL character (0x00), which a PostgreSQL journal cannot store or look up: nothing was written",
    ),
}
