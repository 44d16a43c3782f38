"""The journal as a file and as a list of entries: files that cannot be opened, entries that cannot be
retracted, the journal's own checks."""

MESSAGES: dict[str, tuple[str, str]] = {
    # a journal file that cannot be opened or used
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
    "db_truncated": (
        "进度日志文件 {path} 不完整（{size} 字节，不是 {page} 字节页的整数倍），可能因复制中断或磁盘已满；请从备份恢复",
        "journal {path} is cut short ({size} bytes, not a whole number of {page}-byte pages), perhaps by an interrupted copy or a full disk; restore it from a backup",
    ),
    "db_not_a_file": (
        "无法打开进度日志 {path}：它不是普通文件（文件夹、设备或管道）",
        "cannot open journal {path}: it is not a regular file (a folder, device or pipe)",
    ),
    # entries: undo and retract, the journal's own rules, the author
    "nothing_to_undo": ("没有可撤销的记录", "there is no entry to undo"),
    "no_such_entry": ("没有编号为 {entry} 的记录", "there is no entry #{entry}"),
    "entry_retracted": ("记录 #{entry} 已于记录 #{by} 撤销", "entry #{entry} was already retracted by entry #{by}"),
    "entry_is_retraction": (
        "记录 #{entry} 本身是撤销记录，不能再撤销；如需恢复请重新登记",
        "entry #{entry} is itself a retraction; record the values again instead",
    ),
    "db_entry_refused": (
        "日志 {path} 拒绝了这条记录（{error}），未写入任何内容",
        "the journal {path} refused the entry ({error}); nothing was written",
    ),
    "db_entry_skipped": (
        "跳过无法读取的记录 #{entry}（{problem} 不合规则）；可由督查室用 hedong undo --entry {entry} 撤销",
        "skipped entry #{entry}, which cannot be read ({problem} breaks the rules); "
        "the office can retract it with hedong undo --entry {entry}",
    ),
    "author_stamp": ("{by}（{stamp}）", "{by} ({stamp})"),
}
