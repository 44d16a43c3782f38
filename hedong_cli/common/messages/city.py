"""The city's view (``hedong city``) and the city's 通报 (``hedong brief --city``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # hedong city: the districts side by side
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
    # the city's 通报 (hedong brief --city)
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
}
