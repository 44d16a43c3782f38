"""The catalogue: its problems (each printed as FILE:LINE: message), targets as written, the drafter
(``hedong catalog draft``) and ``hedong catalog diff``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the catalogue's problems, each printed as FILE:LINE: message
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
    "cat_not_regular": (
        "不是普通文件（管道、设备或文件夹），无法作为目标任务清单读取",
        "not a regular file (a pipe, a device or a folder); a catalogue must be a file",
    ),
    "cat_bad_region": (
        "source.region 应为一行文字（区、县或市的名称），不超过 {max} 个字",
        "source.region must be one line of text (the district, county or city), at most {max} characters",
    ),
    # a target as the report words it
    "target_ge": ("{value}{unit}以上", ">= {value} {unit}"),
    "target_eq": ("{value}{unit}", "{value} {unit}"),
    "target_gt": ("正增长", "> {value}{unit} (growth)"),
    "target_range": ("{value}-{max}{unit}", "{value}-{max} {unit}"),
    "target_le": ("{value}{unit}以内", "<= {value} {unit}"),
    "target_about": ("{value}{unit}左右", "about {value} {unit}"),
    # hedong catalog draft: reading the report
    "draft_missing": ("找不到报告文件 {path}", "report file {path} not found"),
    "draft_unreadable": ("无法读取报告文件 {path}：{error}", "cannot read report file {path}: {error}"),
    "draft_not_regular": (
        "报告文件 {path} 不是普通文件（管道或设备）；请提供 .txt、.docx 或 .pdf 文件",
        "report file {path} is not a regular file (a pipe or a device); give a .txt, .docx or .pdf file",
    ),
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
    "draft_docx_too_big": (
        "Word 文件 {path} 的正文解压后有 {size} MB，超过 {limit} MB 的上限，不像一份工作报告；未读取",
        "the text of the Word file {path} inflates to {size} MB, over the limit of {limit} MB; that is not a work report; nothing was read",
    ),
    "draft_docx_ratio": (
        "Word 文件 {path} 的正文压缩比为 {ratio} 倍，超过 {limit} 倍的上限（压缩炸弹）；未读取",
        "the text of the Word file {path} inflates {ratio} times, over the limit of {limit} (a zip bomb); nothing was read",
    ),
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
    "draft_looks_like_toc": (
        "这像是目录页（标题后跟页码），不是报告正文；请提供报告全文",
        "this looks like a table of contents (headings followed by page numbers), not the report's text; give the whole report",
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
    "draft_too_many_tasks": (
        "识别出的任务超过 {max} 项（已到 {n} 项），不像一份工作报告；未生成草稿",
        "more than {max} tasks found ({n} so far); that is not a work report; no draft was made",
    ),
    "draft_no_year": ("无法从报告判断年份；请用 --year 指定", "cannot tell the report's year; give it with --year"),
    "draft_bad_year": ("年份 {year} 不在 2000-2100 之间", "year {year} is not between 2000 and 2100"),
    # hedong catalog draft: the draft it writes, and its marks to review (# 待核)
    "draft_goals_title": ("主要预期目标", "主要预期目标"),
    "draft_leading_title": ("起始段落", "opening paragraphs"),
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
    "draft_note_existing": (
        "“{words}”数的是句中列举或已有的事物，未作为目标",
        "'{words}' counts things the sentence names or keeps, so it is not taken as a target",
    ),
    "draft_note_listed_figures": (
        "同一句列出几个数字，每个数字一项任务，原文相同",
        "the sentence lists several figures: one task each, with the same text",
    ),
    "draft_note_shared_figure": (
        "同一个数字对应句中列出的几个指标，每个指标一项任务，原文相同",
        "one figure for the several indicators the sentence names: one task each, with the same text",
    ),
    "draft_note_baseline_lead": (
        "基数仅凭“{words}”二字与回顾部分对上，请核对",
        "baseline matched on '{words}' alone, the thing both figures count; check it",
    ),
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
    "draft_note_leading": (
        "--section-heading 指向的段落不是“（一）”式标题，其后到下一个标题之间的段落归入此板块；请补上板块标题",
        "the --section-heading paragraph is no （一） heading: the paragraphs up to the next heading are this section; give it its title",
    ),
    "draft_note_own_work": (
        "报告末尾的政府自身建设部分（一是、二是…）：多为工作要求，只保留能报告进展的条目",
        "the report's closing part on the government's own work (一是、二是…): mostly rules of conduct; keep only what a unit can report on",
    ),
    "draft_note_no_goals": ("没有找到主要预期目标段落", "no main expected targets paragraph found"),
    "draft_note_goals_only": (
        "没有找到重点工作的分节，草稿只含主要预期目标（摘录或新闻稿？）",
        "no key-work sections found: the draft holds the main targets only (an excerpt or a news report?)",
    ),
    "draft_note_no_review": ("没有找到上年工作回顾部分，未填基数", "no review of last year found, so no baselines"),
    "draft_note_no_tasks": ("这里没有识别出任务", "no task found here"),
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
    "draft_summary": (
        "草稿：{sections} 个板块、{subsections} 个小节、{tasks} 项任务（量化 {quantitative}、节点 {milestone}、持续 {ongoing}）；目标 {targets} 个，期限 {due} 个，基数 {baselines} 个；待核 {flagged} 项",
        "draft: {sections} sections, {subsections} subsections, {tasks} tasks ({quantitative} quantitative, {milestone} milestones, {ongoing} ongoing); {targets} targets, {due} due dates, {baselines} baselines; {flagged} flagged for review",
    ),
    "draft_output_is_input": (
        "-o {path} 就是报告文件本身；请另选输出文件",
        "-o {path} is the report itself; choose another output file",
    ),
    "draft_written": ("已写入 {path}", "written to {path}"),
    # hedong catalog diff
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
}
