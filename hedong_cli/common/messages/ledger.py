"""The 台账 (ledger): its columns and sheets, export, import and its problems, the import preview."""

MESSAGES: dict[str, tuple[str, str]] = {
    # columns; import accepts the Chinese or the English header of each
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
    # the workbook: sheets, title, how to fill it in, checked cells, fill-in lines, footer
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
    "ldg_fill_unit": ("填报单位", "Filing unit"),
    "ldg_fill_person": ("填报人", "Filed by"),
    "ldg_fill_phone": ("联系电话", "Phone"),
    "ldg_fill_reviewer": ("审核人", "Reviewed by"),
    "ldg_footer": ("第 &P 页 共 &N 页", "Page &P of &N"),
    # printing it: deadlines moved, text cut to fit
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
    "ldg_note_cut": ("……（全文{n}字，见 hedong show {id}）", "... ({n} characters in all: hedong show {id})"),
    "ldg_reason_cut": ("……（全文{n}字，见 hedong plan {id}）", "... ({n} characters in all: hedong plan {id})"),
    # hedong export
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
    # files that cannot be imported: one line each
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
    # the import's preview, and what it writes
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
    "imp_filed_by": (
        "填报单位：{unit}，填报人：{person}（记录的录入人：{author}）",
        "Filed by {person} for {unit} (entries recorded as by {author})",
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
    "imp_notes_stripped": (
        "（{n} 条进展说明中的控制字符和转义序列已去除）",
        "(control characters and escape sequences removed from {n} notes)",
    ),
    "imp_interrupted_nothing": ("已中断：没有写入任何记录", "interrupted: nothing was written"),
    "imp_interrupted_written": (
        "已中断：已写入 {n} 条记录（#{first}–#{last}）",
        "interrupted: {n} entries were written (#{first}–#{last})",
    ),
}
