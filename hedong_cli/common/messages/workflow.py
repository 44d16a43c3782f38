"""Who does what: ``hedong assign``, the units scorecard (``hedong units``) and the weekly check-in
(``hedong checkin``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # hedong assign
    "asg_bad_unit": (
        "单位名称“{unit}”无效：不能为空或含控制字符",
        "invalid unit name '{unit}': empty or with control characters",
    ),
    "asg_done": ("已分工 #{entry}：{id} {title}  {assignment}", "assigned #{entry}: {id} {title}  {assignment}"),
    "asg_same": ("未变更：{id} {title} 已是 {assignment}", "unchanged: {id} {title} already has {assignment}"),
    # hedong units: the units scorecard
    "unt_col_unit": ("单位", "Unit"),
    "unt_col_tasks": ("牵头任务", "Led"),
    "unt_col_latest": ("最近报送", "Latest"),
    "unt_col_stale": ("超{days}天未报", "Silent {days}d+"),
    "unt_unassigned": ("未分配", "unassigned"),
    "unt_total": ("合计", "Total"),
    "unt_never": ("从未报送", "never"),
    "unt_title": ("各单位推进情况", "Progress by unit"),
    "unt_bad_sort": ("未知的排序列“{key}”（可用：{allowed}）", "unknown sort column '{key}' (allowed: {allowed})"),
    "unt_col_missed": ("节点未完成", "Nodes missed"),
    # hedong checkin: the weekly check-in
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
}
