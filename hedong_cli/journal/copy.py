"""``hedong db copy``: a whole journal from one backend to another, verified before it is committed."""

from __future__ import annotations

import hashlib

from hedong_cli.common.errors import InputError, JournalError
from hedong_cli.common.messages import t
from hedong_cli.journal.base import Journal

BATCH = 5_000


def copy_journal(source: Journal, target: Journal) -> tuple[int, str]:
    """Copy every entry of ``source`` into the empty ``target`` in one transaction. Returns (count, digest).

    The target's count and digest are read back inside the same transaction; if either differs from the
    source's, the transaction is rolled back and nothing stays.
    """
    with target.atomic():
        held = target.count()
        if held:
            raise InputError(t("db_copy_not_empty", target=target.shown, n=held))
        digest, count, batch = hashlib.sha256(), 0, []
        for entry in source.all_entries(BATCH):
            digest.update(entry.canonical() + b"\n")
            count += 1
            batch.append(entry)
            if len(batch) == BATCH:
                target.insert_copies(batch)
                batch = []
        if batch:
            target.insert_copies(batch)
        copied, copied_digest = target.digest()
        if (copied, copied_digest) != (count, digest.hexdigest()):
            raise JournalError(
                t("db_copy_mismatch", n=count, digest=digest.hexdigest()[:16], m=copied,
                  target_digest=copied_digest[:16])
            )  # fmt: skip
    return count, digest.hexdigest()
