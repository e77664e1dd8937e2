#!/usr/bin/env python3
"""Times `dedupe scan` against the datasketch and rensa peer pipelines on generated feeds (called by
Scripts/bench.sh, which makes the virtual environment, the feeds and the release build).

For each feed, N rounds; each round runs every tool once, one after the other (alternating, so load drifts
hit all tools alike). Each run is measured from outside: wall time, user+system CPU time and peak RSS, with
/usr/bin/time -v when present, else os.wait4's rusage of that one child. A run past --timeout is stopped
(SIGINT) and reported as "> T s"; a tool that times out is not run again on that feed. The last report of
each tool is scored against the generated truth with eval_clusters.py. Prints a Markdown report and writes
it (and the raw numbers as JSON) to --out.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

TIME_BIN = "/usr/bin/time"


def descendants(pid: int) -> list[int]:
    """A process's descendants (from /proc; empty where /proc is missing)."""
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    kids = [int(c) for c in f.read().split()]
                out += kids
                stack += kids
        except (OSError, ValueError):
            pass
    return out


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants (from /proc), in MB."""
    total = 0.0
    for p in [pid] + descendants(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) / 1024.0
        except (OSError, ValueError):
            pass
    return total


def measure(cmd: list[str], timeout: float, max_rss_mb: float = 0, env: dict | None = None) -> dict:
    """Runs cmd once; returns wall_s, cpu_s, rss_mb, rc, timed_out, load (1-min load average at start).
    A run past `timeout` seconds, or (when max_rss_mb > 0) whose memory passes max_rss_mb, is stopped."""
    load = os.getloadavg()[0]
    use_time = os.access(TIME_BIN, os.X_OK)
    stats_file = None
    full = cmd
    if use_time:
        fd, stats_file = tempfile.mkstemp(prefix="dedupe-bench-time-")
        os.close(fd)
        full = [TIME_BIN, "-v", "-o", stats_file] + cmd
    errors = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=errors, env=env, start_new_session=True)
    timed_out = False
    rusage = None
    deadline = start + timeout
    stopped_for = None
    polls = 0
    polled_rss = 0.0  # the largest resident size seen while polling (a stopped run's peak, at least)
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        polls += 1
        if polls % 10 == 0:
            polled_rss = max(polled_rss, tree_rss_mb(proc.pid))
            if max_rss_mb and not timed_out and polled_rss > max_rss_mb:
                stopped_for = f"memory over {max_rss_mb:.0f} MB"
                deadline = 0
        if time.perf_counter() > deadline and not timed_out:
            stopped_for = stopped_for or f"over {timeout:.0f} s"
            # Stop the measured command (not /usr/bin/time, which then still reports). SIGTERM: a command started
            # from a background job may ignore SIGINT.
            timed_out = True
            for p in (descendants(proc.pid) if use_time else [proc.pid]):
                try:
                    os.kill(p, signal.SIGTERM)
                except OSError:
                    pass
            deadline = time.perf_counter() + 15
        elif timed_out and time.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
        time.sleep(0.02)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    errors.seek(0)
    stderr = errors.read().decode("utf-8", "replace")
    errors.close()
    cpu = rusage.ru_utime + rusage.ru_stime
    rss_mb = rusage.ru_maxrss / 1024.0
    if stats_file and os.path.exists(stats_file):
        with open(stats_file) as f:
            text = f.read()
        os.unlink(stats_file)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        if m:
            rss_mb = int(m.group(1)) / 1024.0
        u = re.search(r"User time \(seconds\): ([\d.]+)", text)
        s = re.search(r"System time \(seconds\): ([\d.]+)", text)
        if u and s:
            cpu = float(u.group(1)) + float(s.group(1))
    rss_mb = max(rss_mb, polled_rss)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "rss_mb": round(rss_mb, 1), "rc": proc.returncode,
            "timed_out": timed_out, "stopped_for": stopped_for, "load": round(load, 2), "stderr_tail": stderr[-2000:]}


def median(values):
    return statistics.median(values) if values else None


def fmt_s(run_list, key="wall_s"):
    done = [r[key] for r in run_list if not r["timed_out"]]
    if not done:
        return f"> {max(r[key] for r in run_list):.0f}" if run_list else "-"
    return f"{median(done):.2f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dedupe", required=True, help="the dedupe release binary")
    ap.add_argument("--python", required=True, help="the virtual environment's python (datasketch, rensa)")
    ap.add_argument("--shared", required=True)
    ap.add_argument("--feed", action="append", required=True, metavar="LABEL=DIR:ROUNDS",
                    help="a generated feed (truth at DIR.truth.json) and its rounds; repeatable")
    ap.add_argument("--dedupe-only", action="append", default=[], metavar="LABEL",
                    help="feeds on which only dedupe runs (the million-article feed)")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--copies-row", action="store_true", help="also time `dedupe scan --no-rewrites` (diagnostic)")
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--max-rss-mb", type=float, default=8192, help="stop a run whose memory passes this (0: no limit)")
    ap.add_argument("--out", required=True, help="folder for reports, results.md and results.json")
    a = ap.parse_args()

    os.makedirs(a.out, exist_ok=True)
    peers = os.path.join(a.shared, "bench", "peers")
    evaluate = os.path.join(a.shared, "bench", "eval_clusters.py")
    results = {"started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
               "dedupe": a.dedupe, "timeout_s": a.timeout, "max_rss_mb": a.max_rss_mb, "feeds": {}}

    for spec in a.feed:
        label, rest = spec.split("=", 1)
        feed, rounds = rest.rsplit(":", 1)
        rounds = int(rounds)
        truth = feed.rstrip("/") + ".truth.json"
        report = lambda tool: os.path.join(a.out, f"report-{label}-{tool}.json")  # noqa: E731
        tools = {"dedupe": [a.dedupe, "scan", feed, "--output", report("dedupe"), "--quiet"]}
        if a.copies_row:
            tools["dedupe --no-rewrites"] = [a.dedupe, "scan", feed, "--output", report("dedupe-copies"), "--quiet",
                                             "--no-rewrites"]
        if not a.no_peers and label not in a.dedupe_only:
            tools["datasketch"] = [a.python, os.path.join(peers, "peer_datasketch.py"), feed, "--out", report("datasketch")]
            tools["rensa"] = [a.python, os.path.join(peers, "peer_rensa.py"), feed, "--out", report("rensa")]
        runs = {t: [] for t in tools}
        for r in range(rounds):
            for tool, cmd in tools.items():
                if runs[tool] and runs[tool][-1]["timed_out"]:
                    continue  # it did not finish once; do not spend the time again
                m = measure(cmd, a.timeout, a.max_rss_mb)
                runs[tool].append(m)
                state = f"STOPPED ({m['stopped_for']})" if m["timed_out"] else f"rc={m['rc']}"
                print(f"[{label} round {r + 1}/{rounds}] {tool:22s} wall {m['wall_s']:8.2f} s  cpu {m['cpu_s']:8.2f} s  "
                      f"peak RSS {m['rss_mb']:7.1f} MB  load {m['load']:.2f}  {state}", file=sys.stderr, flush=True)
        scores, stage_seconds = {}, None
        for tool in tools:
            path = report({"dedupe": "dedupe", "dedupe --no-rewrites": "dedupe-copies"}.get(tool, tool))
            if not os.path.exists(path) or not runs[tool] or runs[tool][-1]["timed_out"]:
                continue
            if os.path.exists(truth):
                out = subprocess.run([a.python, evaluate, truth, path, "--json"], capture_output=True, text=True)
                if out.returncode == 0:
                    scores[tool] = json.loads(out.stdout)
            if tool == "dedupe":
                with open(path) as f:
                    summary = json.load(f).get("summary", {})
                stage_seconds = {k: summary.get(k) for k in ("seconds", "stageSeconds", "candidatePairs",
                                                              "rewriteCandidatePairs", "verifiedLinks", "articles")}
        results["feeds"][label] = {"feed": feed, "rounds": rounds, "runs": runs, "scores": scores,
                                   "dedupe_summary": stage_seconds}

    text = render(results)
    print(text)
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write(text)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    return 0


def render(results: dict) -> str:
    lines = [f"# dedupe benchmark, {results['started']}", "",
             f"{results['machine']['cores']} cores, {results['machine']['platform']}. Wall and CPU (user+system) seconds "
             f"are medians over the rounds, peak RSS the largest of the rounds. \"wall ÷ X\": a peer's median wall time "
             f"divided by X's (above 1: dedupe is faster). A run past {results['timeout_s']:.0f} s or "
             f"{results['max_rss_mb']:.0f} MB was stopped (\"> T\": the time it had run). Load: the 1-minute load "
             f"average when the runs started (median); above the core count, other work shared the machine.", ""]
    for label, feed in results["feeds"].items():
        runs = feed["runs"]
        bases = [t for t in ("dedupe", "dedupe --no-rewrites") if runs.get(t)]
        lines += [f"## {label} ({feed['feed']}, {feed['rounds']} rounds)", "",
                  "| tool | wall s (median) | CPU s (median) | peak RSS MB | runs | load | "
                  + " | ".join(f"wall ÷ {b}" for b in bases) + " | notes |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in bases) + " | --- |"]

        def ratio(tool, base):
            done = [r["wall_s"] for r in runs[tool] if not r["timed_out"]]
            if tool.startswith("dedupe") or not done:
                return "-"
            base_done = [r["wall_s"] for r in runs[base] if not r["timed_out"]]
            if base_done:
                return f"{median(done) / median(base_done):.2f}x"
            return f"< {median(done) / max(r['wall_s'] for r in runs[base]):.2f}x"

        for tool, rl in runs.items():
            if not rl:
                continue
            rcs = sorted({r["rc"] for r in rl})
            notes = "; ".join(sorted({"stopped: " + r["stopped_for"] for r in rl if r.get("stopped_for")}))
            lines.append(f"| {tool} | {fmt_s(rl)} | {fmt_s(rl, 'cpu_s')} | {max(r['rss_mb'] for r in rl):.0f} | "
                         f"{len(rl)}{'' if rcs in ([0], [1]) else f' (rc {rcs})'} | {median([r['load'] for r in rl]):.1f} | "
                         + " | ".join(ratio(tool, b) for b in bases) + f" | {notes} |")
        lines.append("")
        if feed.get("dedupe_summary"):
            lines += [f"dedupe's own summary (last run): `{json.dumps(feed['dedupe_summary'])}`", ""]
        if feed["scores"]:
            kinds = ["exact", "near", "rewrite", "near-sibling", "rewrite-sibling"]
            lines += ["| tool | pair precision | " + " | ".join(f"recall {k}" for k in kinds) + " | predicted pairs |",
                      "| --- | ---: | " + " | ".join("---:" for _ in kinds) + " | ---: |"]
            for tool, s in feed["scores"].items():
                rec = " | ".join("-" if s["recall"].get(k) is None else f"{s['recall'][k]:.3f}" for k in kinds)
                lines.append(f"| {tool} | {s['pair_precision']} | {rec} | {s['pred_pairs']} |")
            lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
