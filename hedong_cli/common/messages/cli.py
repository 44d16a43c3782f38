"""The command line itself: usage errors, success lines, ``hedong init`` and ``where``, progress bars, the
files it writes and the settings file it reads."""

MESSAGES: dict[str, tuple[str, str]] = {
    # usage errors, and what the command line says of itself
    "usage_hint": ("（运行 {cmd} --help 查看用法）", "(see {cmd} --help)"),
    "internal_error": (
        "内部错误：{error}（加 --debug 查看详情）",
        "internal error: {error} (run with --debug for details)",
    ),
    "interrupted": ("已中断", "interrupted"),
    "bad_lang": ("未知的语言“{lang}”（可用：zh, en）", "unknown language '{lang}' (allowed: zh, en)"),
    "bad_number": ("“{option}”应为不小于 {min} 的数：{value}", "{option} must be a number >= {min}: {value}"),
    "not_utf8_option": (
        "{option} 的内容不是有效的 UTF-8 文本（可能是 GBK 编码）；未写入任何内容",
        "the text given for {option} is not valid UTF-8 (GBK, perhaps); nothing was written",
    ),
    "arg_position": ("第 {n} 个参数", "argument {n}"),
    # hedong check
    "check_ok": (
        "清单 {path} 有效：{sections} 个板块，{tasks} 项任务",
        "catalogue {path} is valid: {sections} sections, {tasks} tasks",
    ),
    "check_orphan": (
        "{db}: 记录 #{entry} 指向清单中不存在的任务 {id}",
        "{db}: entry #{entry} refers to task {id}, which is not in the catalogue",
    ),
    "check_unreadable": (
        "{db}: {n} 条记录无法读取，未计入任何统计：#{entries}（逐条见上，可用 hedong undo --entry 撤销）",
        "{db}: {n} entries cannot be read and count in no figure: #{entries} (each named above; "
        "hedong undo --entry retracts one)",
    ),
    "check_journal_ok": (
        "进度日志 {path}：{n} 条记录，均对应清单中的任务",
        "journal {path}: {n} entries, all for tasks in the catalogue",
    ),
    # hedong init and where
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
    "init_shipped": (
        "这是随 hedong 提供的清单所据的报告（{region}{year}年）：沿用已核对的清单 {path}，清单键不变，已有记录照常可见",
        "this is the report of the catalogue shipped with hedong ({region} {year}): its reviewed catalogue {path} is used, under its own key, so existing entries stay visible",
    ),
    "where_read_only": ("只读", "read-only"),
    # progress bars on stderr (render/busy.py)
    "busy_brief": ("正在生成 {path}", "writing {path}"),
    "busy_export": ("正在导出 {path}", "exporting {path}"),
    "busy_import_read": ("正在读取并核对 {path}", "reading and checking {path}"),
    "busy_import_write": ("正在写入 {n} 条记录", "recording {n} entries"),
    # the files it writes: nothing overwritten that should not be
    "cannot_write": ("无法写入 {path}：{error}", "cannot write {path}: {error}"),
    "out_not_a_file": ("“{path}”不是文件名", "'{path}' is not a file name"),
    "out_not_regular": (
        "{path} 不是普通文件（如套接字或块设备），不会写入",
        "{path} is not a regular file (a socket or block device, for example); nothing was written",
    ),
    "out_in_use": (
        "不能写入 {path}：它是正在使用的进度日志或目标任务清单（{file}），写入会毁掉它",
        "refusing to write {path}: it is {file}, the journal or catalogue in use, and would be destroyed",
    ),
    # the settings file (--config)
    "cfg_missing": ("找不到配置文件", "config file not found"),
    "cfg_unreadable": ("无法读取配置文件：{error}", "cannot read the config file: {error}"),
    "cfg_too_big": ("配置文件超过 {kib} KiB，不像是配置文件", "the config file is over {kib} KiB; not a config file"),
    "cfg_not_utf8": ("配置文件不是 UTF-8 编码", "the config file is not UTF-8"),
    "cfg_not_mapping": ("配置文件应为“键: 值”形式的映射", "the config file must be a mapping of key: value"),
    "cfg_not_text": ("“{key}”应为文本", "'{key}' must be text"),
    "cfg_not_list": ("“{key}”应为文本列表", "'{key}' must be a list of text"),
    "cfg_not_regular": (
        "不是普通文件（管道、设备或文件夹），无法作为设置文件读取",
        "not a regular file (a pipe, a device or a folder); a settings file must be a file",
    ),
    "cfg_not_bool": ("“{key}”应为 true 或 false", "'{key}' must be true or false"),
    # the reporting period and due day (reporting: in the settings file)
    "cfg_reporting_week": ("周报：每{weekday}前", "weekly, due by {weekday}"),
    "cfg_reporting_month": ("月报：每月{day}日前", "monthly, due by day {day} of the month"),
    "cfg_weekday_1": ("周一", "Monday"),
    "cfg_weekday_2": ("周二", "Tuesday"),
    "cfg_weekday_3": ("周三", "Wednesday"),
    "cfg_weekday_4": ("周四", "Thursday"),
    "cfg_weekday_5": ("周五", "Friday"),
    "cfg_weekday_6": ("周六", "Saturday"),
    "cfg_weekday_7": ("周日", "Sunday"),
    "cfg_due_day": ("{month}月{day}日", "{month}/{day}"),
    "cfg_reporting_shape": (
        "reporting 应为 period: week 加 due_weekday: 1-7，或 period: month 加 due_day: 1-31",
        "reporting must be period: week with due_weekday: 1-7, or period: month with due_day: 1-31",
    ),
    "cfg_reporting_due": (
        "“{key}”应为 {low} 到 {high} 之间的整数",
        "'{key}' must be a whole number from {low} to {high}",
    ),
}
