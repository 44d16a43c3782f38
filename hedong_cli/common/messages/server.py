"""The shared journal on a PostgreSQL server: connecting, its schema, unit roles and grants, copying a
journal there (``hedong database``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # a journal's address, and connecting to the server
    "db_bad_scheme": (
        "不认识的日志地址类型 {scheme}://：请给出文件路径、sqlite:///路径 或 postgresql://用户@主机/数据库",
        "unknown journal address {scheme}://: give a file path, sqlite:///path or postgresql://user@host/dbname",
    ),
    "db_bad_url": (
        "日志地址 {url} 格式有误（应为 postgresql://用户@主机:端口/数据库）",
        "malformed journal URL {url} (expected postgresql://user@host:port/dbname)",
    ),
    "db_keyword_conninfo": (
        "日志地址请写成 postgresql://用户@主机/数据库（不接受 host=… dbname=… 的写法；密码请放在 ~/.pgpass 或 PGPASSWORD）",
        "write the journal address as postgresql://user@host/dbname (not host=… dbname=…; "
        "keep the password in ~/.pgpass or PGPASSWORD)",
    ),
    "db_pg_missing": (
        '使用 PostgreSQL 日志需要 psycopg2：请安装 pip install "hedong[postgres]"',
        'a PostgreSQL journal needs psycopg2: pip install "hedong[postgres]"',
    ),
    "db_pg_nul": (
        "文字中含有 NUL 字符（0x00），PostgreSQL 日志无法保存或查找，未写入任何内容",
        "the text holds a NUL character (0x00), which a PostgreSQL journal cannot store or look up: nothing was written",
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
    # what the server refuses a unit's role, and its lock
    "db_pg_not_yours": (
        "任务 {task} 只能由其牵头或配合单位填报（{units}）；{unit}（角色 {role}）无权写入，未写入任何内容",
        "task {task} may be written only by its lead or partner units ({units}); {unit} (role {role}) may not; nothing was written",
    ),
    "db_pg_plan_lead_only": (
        "任务 {task} 的计划只能由牵头单位（{lead}）调整；{unit}（角色 {role}）是配合单位，未写入任何内容",
        "only task {task}'s lead unit ({lead}) changes its plan; {unit} (role {role}) is a partner; nothing was written",
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
    # hedong database init and copy
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
    "db_copy_skipped": (
        "来源中有 {n} 条无法读取的记录未复制：#{entries}",
        "{n} entries of the source cannot be read and were not copied: #{entries}",
    ),
    "db_copy_no_source": (
        "要复制的日志不存在：{path}",
        "the journal to copy does not exist: {path}",
    ),
    # hedong database grant: unit roles
    "db_grant_new": ("已建立登录角色 {role}，对应单位 {unit}", "login role {role} created, mapped to {unit}"),
    "db_grant_updated": ("角色 {role} 现对应单位 {unit}", "role {role} is now mapped to {unit}"),
    "db_grant_sqlite": (
        "授权只用于服务器上的日志（postgresql://…）；{path} 是单机文件",
        "grants exist only on a server journal (postgresql://…); {path} is a local file",
    ),
    "db_grants_none": ("尚未授权任何单位角色", "no unit roles granted yet"),
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
    "db_bad_role": (
        "角色名 {role} 无效：只用小写字母、数字和下划线，以字母开头，最长 63 个字符",
        "invalid role name {role}: lower-case letters, digits and underscores, starting with a letter, at most 63 characters",
    ),
    "db_password_empty": ("标准输入中没有密码", "no password on standard input"),
}
