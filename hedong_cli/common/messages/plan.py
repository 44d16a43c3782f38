"""The 分工方案: plans (完成时限, 分管区领导, nodes), ``hedong plan``, and the 分工方案 table."""

MESSAGES: dict[str, tuple[str, str]] = {
    # a plan's rules: nodes, 完成时限 and its reason
    "plan_bad_node": (
        "节点“{node}”无法识别：应为 日期:数值、日期:百分比% 或 日期:形象进度",
        "cannot read the node '{node}': use DATE:VALUE, DATE:PCT% or DATE:TEXT",
    ),
    "plan_bad_node_date": ("节点“{node}”的日期“{date}”无法识别", "cannot read the date '{date}' of the node '{node}'"),
    "plan_node_not_finite": (
        "节点“{node}”的数值应为有限的数字",
        "the node '{node}' must hold a finite number",
    ),
    "plan_step_separator": (
        "节点“{node}”的形象进度不能含“；”或换行：分工方案用它们分隔节点",
        "the node '{node}' cannot hold '；' or a line break in its step: the 分工方案 separates nodes with them",
    ),
    "plan_value_no_target": (
        "节点“{node}”是数值，但任务 {id} 没有量化目标；请用百分比或形象进度",
        "the node '{node}' is a value, but task {id} has no numeric target; use a percent or a described step",
    ),
    "plan_value_too_big": (
        "节点“{node}”的数值过大，绝对值上限为 {limit}",
        "the value of the node '{node}' is too large; at most {limit} in absolute value",
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
    "plan_due_too_far": (
        "完成时限 {due} 晚于 {latest}（清单年度后 {years} 年）；如确需如此，须同时用 --reason 说明理由",
        "the due date {due} is after {latest} ({years} years after the catalogue's year); if it is meant, "
        "give the reason with --reason in the same command",
    ),
    "plan_bad_due": (
        "完成时限“{value}”无法识别（示例：{year}-06-30、6月底、三季度末、年底前）",
        "cannot read the due date '{value}' (e.g. {year}-06-30, 6月底, 三季度末, 年底前)",
    ),
    # hedong plan: what it changes and shows
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
    "due_with_source": ("{due}（{source}）", "{due} ({source})"),
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
    "fld_plan_expected": ("计划进度", "Plan expects"),
    "chg_plan": ("调整计划：{plan}", "plan: {plan}"),
    # the 分工方案 table: columns, the document, its import, its print
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
    "pln_text_edited": (
        "“{column}”列是报告原文，不能在分工方案中修改；请恢复原文（改任务请改目标任务清单）",
        "the '{column}' column is the report's text and cannot be changed in the form; restore it (change the catalogue instead)",
    ),
    "pln_due_too_far": (
        "完成时限 {due} 晚于 {latest}（清单年度后 {years} 年）；如确需如此，须在“调整说明”列说明理由",
        "the due date {due} is after {latest} ({years} years after the catalogue's year); if it is meant, "
        "give the reason in the 'Reason' column",
    ),
    "pln_adjusted_mark": ("（调整）", " (moved)"),
    "pln_adjusted_notes": ("完成时限调整说明：", "Due dates moved:"),
    "pln_adjusted_note": (
        "{id}　{title}：原完成时限{original}，调整为{due}。{reason}",
        "{id} {title}: due {original}, moved to {due}. {reason}",
    ),
    "pln_no_reason": ("（未填写调整说明）", "(no reason given)"),
}
