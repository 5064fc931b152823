#!/usr/bin/env python3
"""Summarises a Spark event log: where a run's time went, per job group (pipeline step).

    bench/eventlog-summary.py EVENT_LOG (a file, or an eventlog_v2_* folder) [--jobs]

For every job group (set by the jobs, e.g. "INGEST 2026-03-31 bronze manifests") it prints the
number of Spark jobs, stages and tasks, the summed job time (first job start to last job end of
the group, and the sum of job durations), the task time summed over tasks, and the job
descriptions that took longest. With --jobs, every job is listed. The event log is what
`--conf spark.eventLog.enabled=true --conf spark.eventLog.dir=file:///DIR` writes
(bench/run.sh --event-log).
"""
import json
import sys
from collections import OrderedDict, defaultdict


def open_events(path):
    """The event log's lines; zstd-compressed logs (Spark's default) through the zstd tool; a
    folder (Spark's rolling event log, eventlog_v2_*) is read file by file in order."""
    import io
    import os
    if os.path.isdir(path):
        parts = sorted(
            (name for name in os.listdir(path) if name.startswith("events_")),
            key=lambda name: int(name.split("_")[1]) if name.split("_")[1].isdigit() else 0)
        text = []
        for name in parts:
            with open_events(os.path.join(path, name)) as part:
                text.append(part.read())
        return io.StringIO("".join(text))
    if path.endswith(".zstd") or path.endswith(".zst"):
        import io
        import subprocess
        data = subprocess.run(["zstd", "-dc", path], check=False, capture_output=True).stdout
        return io.StringIO(data.decode("utf-8", errors="replace"))
    return open(path, encoding="utf-8")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    path = argv[1]
    list_jobs = "--jobs" in argv
    jobs = {}
    stage_tasks = defaultdict(int)
    stage_task_ms = defaultdict(int)
    stage_to_job = {}
    app_start = app_end = None
    sql_start = {}
    sql_desc = {}
    sql_ms = {}
    with open_events(path) as events:
        for line in events:
            try:
                event = json.loads(line)
            except ValueError:
                continue  # the last line of a log still being written
            kind = event.get("Event")
            if kind == "SparkListenerApplicationStart":
                app_start = event["Timestamp"]
            elif kind == "SparkListenerApplicationEnd":
                app_end = event["Timestamp"]
            elif kind == "SparkListenerJobStart":
                props = event.get("Properties") or {}
                job_id = event["Job ID"]
                jobs[job_id] = {
                    "group": props.get("spark.jobGroup.id", "(no group)"),
                    "desc": props.get("spark.job.description") or props.get("callSite.short", ""),
                    "start": event["Submission Time"],
                    "end": None,
                    "stages": len(event.get("Stage IDs", [])),
                }
                for stage in event.get("Stage IDs", []):
                    stage_to_job[stage] = job_id
            elif kind == "SparkListenerJobEnd":
                if event["Job ID"] in jobs:
                    jobs[event["Job ID"]]["end"] = event["Completion Time"]
            elif kind == "SparkListenerTaskEnd":
                info = event.get("Task Info", {})
                stage = event.get("Stage ID")
                stage_tasks[stage] += 1
                stage_task_ms[stage] += max(0, info.get("Finish Time", 0) - info.get("Launch Time", 0))
            elif kind == "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart":
                sql_start[event["executionId"]] = event["time"]
                sql_desc[event["executionId"]] = event.get("description", "")
            elif kind == "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd":
                if event["executionId"] in sql_start:
                    sql_ms[event["executionId"]] = event["time"] - sql_start[event["executionId"]]

    groups = OrderedDict()
    for job_id in sorted(jobs):
        job = jobs[job_id]
        group = groups.setdefault(
            job["group"], {"jobs": 0, "stages": 0, "tasks": 0, "task_ms": 0, "job_ms": 0, "first": None, "last": None, "slow": []})
        duration = (job["end"] or job["start"]) - job["start"]
        group["jobs"] += 1
        group["stages"] += job["stages"]
        group["job_ms"] += duration
        group["first"] = job["start"] if group["first"] is None else min(group["first"], job["start"])
        group["last"] = max(group["last"] or 0, job["end"] or job["start"])
        group["slow"].append((duration, job_id, job["desc"]))
    for stage, job_id in stage_to_job.items():
        group = groups[jobs[job_id]["group"]]
        group["tasks"] += stage_tasks.get(stage, 0)
        group["task_ms"] += stage_task_ms.get(stage, 0)

    if app_start and app_end:
        print(f"application: {(app_end - app_start) / 1000:.1f} s from start to end")
    print(f"{'group':60} {'jobs':>5} {'stages':>6} {'tasks':>6} {'span s':>8} {'jobs s':>8} {'task s':>8}")
    for name, group in groups.items():
        span = (group["last"] - group["first"]) / 1000 if group["first"] else 0
        print(f"{name[:60]:60} {group['jobs']:5d} {group['stages']:6d} {group['tasks']:6d} "
              f"{span:8.1f} {group['job_ms'] / 1000:8.1f} {group['task_ms'] / 1000:8.1f}")
        for duration, job_id, desc in sorted(group["slow"], reverse=True)[:3]:
            print(f"    job {job_id:4d} {duration / 1000:7.1f} s  {desc[:90]}")
    if list_jobs:
        for job_id in sorted(jobs):
            job = jobs[job_id]
            duration = ((job["end"] or job["start"]) - job["start"]) / 1000
            print(f"job {job_id:4d} {duration:7.2f} s stages {job['stages']:2d}  {job['group'][:40]:40} {job['desc'][:80]}")
    if sql_ms:
        print(f"SQL executions: {len(sql_ms)}, {sum(sql_ms.values()) / 1000:.1f} s in total")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
