"""The district's 督查通报 (``hedong brief``): reporting periods, 版头 and 版记, body, 附件, settings."""

MESSAGES: dict[str, tuple[str, str]] = {
    # hedong brief: the period asked for, what it writes
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
    "brief_bad_month": ("月份“{value}”无法识别，应如 2026-10", "cannot read the month '{value}'; use e.g. 2026-10"),
    "brief_bad_quarter": (
        "季度“{value}”无法识别，应如 2026-Q3",
        "cannot read the quarter '{value}'; use e.g. 2026-Q3",
    ),
    "brief_bad_half": ("半年“{value}”无法识别，应如 2026-H1", "cannot read the half year '{value}'; use e.g. 2026-H1"),
    "brief_docx_needs_output": ("docx 格式须用 -o 指定输出文件", "the docx format needs an output file: -o FILE"),
    "brief_written": ("已写入 {path}", "written to {path}"),
    "tb_attach_option": ("--attach 只能是 all 或 lagging", "--attach must be all or lagging"),
    # a period's name
    "brief_span_month": ("{year}年{n}月", "{year}-{n:02d}"),
    "brief_span_quarter": ("{year}年第{cn}季度", "{year} Q{n}"),
    "brief_span_half": ("{year}年{half}", "{year} H{n}"),
    "tb_phrase_week": ("第{n}周", "week {n}"),
    "tb_phrase_month": ("{n}月份", "month {n}"),
    "tb_phrase_quarter": ("第{cn}季度", "quarter {n}"),
    "tb_phrase_half": ("{half}", "half {n}"),
    # 版头 and 版记
    "doc_issuer_default": ("督查通报", "Supervision Bulletin"),
    "doc_number": ("第{no}期", "No. {no}"),
    "doc_copy_to": ("抄送：{names}。", "Copied to: {names}."),
    "doc_copy_sep": ("，", ", "),
    "doc_printed": ("{date}印发", "printed {date}"),
    "doc_page": ("— {n} —", "— {n} —"),
    # the settings (--config) for the 通报
    "tb_cfg_fallback": ("；已改用默认值", "; the default is used"),
    "tb_cfg_missing": ("未设置 {key}，已使用默认值", "{key} is not set; the default is used"),
    "tb_cfg_too_many": ("{key} 最多 {max} 项", "{key} holds at most {max} items"),
    "tb_cfg_series": (
        "{key} 应为 week/month/quarter/half 之一，各含 issuer（文字）和 first（1-53 的整数）",
        "{key} must be one of week/month/quarter/half, each with issuer (text) and first (an integer 1-53)",
    ),
    "tb_before_series": (
        "本期早于{kind}系列的第1期（设置中 first: {first}）；请用 --no 指定期号",
        "this period comes before the first issue of the {kind} series (first: {first} in the settings); give --no",
    ),
    # words the body and its tables share
    "brief_date": ("{y}年{m}月{d}日", "{iso}"),
    "brief_col_target": ("预期目标", "Target"),
    "brief_this_week": ("本周", "this week"),
    "brief_this_period": ("本期", "in the period"),
    "brief_none": ("无。", "None."),
    "brief_id_sep": ("、", ", "),
    "brief_units_all_reported": ("各单位{when}均已报送进展。", "Every unit reported {when}."),
    "brief_vs_target": ("{value}（目标{target}）", "{value} (target {target})"),
    # the 督查通报 in its genre: title, 主送, body
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
    "tb_fact_node": ("达到计划节点（{date}{expects}）", "reached the plan's node ({date}: {expects})"),
    "tb_fact_node_value": ("达到计划节点（{date}前达到{expects}）", "reached the plan's node ({expects} by {date})"),
    # 附件
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
}
