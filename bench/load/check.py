"""After the load: was anything lost? (run by bench/load_bench.py)

Reads on stdin what the writers saw succeed ({uuid: {state, sha256}}), waits
for the task queue to drain, and prints one JSON line: the deposits missing or
behind the state a client saw, the tasks left, the search index differences.
"""

from __future__ import annotations

import json
import sys
import time

import django

ORDER = ["draft", "submitted", "published"]
DRAIN_SECONDS = 300


def main() -> None:
    django.setup()
    from django_tasks_db.models import DBTaskResult

    from ecoc_hub.library.models import Resource
    from ecoc_hub.search.consistency import check_index

    seen = json.load(sys.stdin)
    waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
    deadline = time.monotonic() + DRAIN_SECONDS
    while waiting.exists() and time.monotonic() < deadline:
        time.sleep(2)
    lost = []
    for uuid, record in seen.items():
        resource = Resource.objects.filter(uuid=uuid).first()
        if resource is None:
            lost.append(f"{uuid}: missing")
            continue
        if ORDER.index(resource.state) < ORDER.index(record["state"]):
            lost.append(f"{uuid}: {resource.state}, a client saw {record['state']}")
        hashes = {f.blob.sha256 for f in resource.files.select_related("blob")}
        if record.get("sha256") and record["sha256"] not in hashes:
            lost.append(f"{uuid}: its file is missing")
    verdict = {
        "lost": lost,
        "running": waiting.count(),
        "index_differences": [str(d) for d in check_index()],
    }
    print(json.dumps(verdict))


if __name__ == "__main__":
    main()
