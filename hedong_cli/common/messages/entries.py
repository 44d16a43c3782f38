"""An update as a person gives it (``hedong update``, ``undo``): task ids, statuses, values, dates, notes
and names, the one rule for each (``common/rules.py``), and the lines that confirm an entry."""

MESSAGES: dict[str, tuple[str, str]] = {
    # what a person gives for a task: its id, a status, a light, a value, a date
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
    "value_too_big": (
        "数值过大：{value}，绝对值上限为 {limit}",
        "the value is too large: {value}; at most {limit} in absolute value",
    ),
    "bad_date": ("日期格式应为 YYYY-MM-DD：{value}", "a date must be YYYY-MM-DD: {value}"),
    "date_outside_year": ("日期 {date} 不在清单年度 {year} 内", "date {date} is outside the catalogue year {year}"),
    "date_future": ("日期 {date} 晚于今天（{today}）", "date {date} is after today ({today})"),
    "unknown_section": ("未知的板块“{section}”（可用：{allowed}）", "unknown section '{section}' (allowed: {allowed})"),
    "bad_format": ("未知的输出格式“{fmt}”（可用：{allowed}）", "unknown format '{fmt}' (allowed: {allowed})"),
    "bad_range": (
        "{option} 应为 {min} 到 {max} 之间的整数：{value}",
        "{option} must be a whole number from {min} to {max}: {value}",
    ),
    "not_utf8_env": (
        "环境变量 {name} 不是有效的 UTF-8 文本（可能是 GBK 编码）；未写入任何内容",
        "the environment variable {name} is not valid UTF-8 (GBK, perhaps); nothing was written",
    ),
    # one rule for every text field (common/rules.py): names, reasons, notes
    "note_too_long": (
        "进展说明过长：{n} 个字符，上限 {limit}（Excel 单元格上限）",
        "the note is too long: {n} characters, at most {limit} (the Excel cell limit)",
    ),
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
    # an entry recorded or retracted
    "updated": ("已记录 #{entry}：{id} {title}  {progress}", "recorded #{entry}: {id} {title}  {progress}"),
    "retracted": ("已撤销记录 #{entry}（{id}），撤销记录为 #{by}", "retracted entry #{entry} ({id}) as entry #{by}"),
}
