"""Reference side of the sessions benchmark: msticpy 3.0.2 score_sessions and sessionize_data.

The input is built here (deterministically, from data/msticpy/processes_on_host.csv) and
written to a JSON file that the Node side also reads; `--write-input PATH` only writes it.
After timing msticpy, the Node side's results (written by node.ts) are compared here:
max relative difference of the likelihoods and the number of differing rarest windows.
"""

import json
import math
import os
import random
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lib import ROOT, report, time_it_cpu  # noqa: E402

TMP = Path(tempfile.gettempdir()) / "hunt-bench-sessions"
INPUT = TMP / "input-v2.json"  # bump when build_input changes
OURS = TMP / "ours.json"
EVENTS = 100_000
SESSIONIZE_EVENTS = 20_000
SWITCH = re.compile(r'"[^"]*"|\S+')


def base_sessions():
    """Process sessions of the sample host (msticpy's sessionize_data), with switch sets."""
    import pandas as pd
    from msticpy.analysis.anomalous_sequence.sessionize import sessionize_data

    df = pd.read_csv(ROOT / "data" / "msticpy" / "processes_on_host.csv", index_col=0)
    df["TimeGenerated"] = pd.to_datetime(df["TimeGenerated"], utc=True)
    df["proc"] = df["NewProcessName"].str.split("\\").str[-1]
    df["switches"] = [
        tuple(sorted({t.lower() for t in SWITCH.findall(line)[1:] if t[:1] in "-/" and len(t) > 1}))
        for line in df["CommandLine"].fillna("")
    ]
    df["row"] = range(len(df))
    rows = sessionize_data(df, ["Account"], "TimeGenerated", 2, 1, "row")["row_list"].tolist()
    lines = df["CommandLine"].fillna("")
    return [[(df["proc"].iat[r], df["switches"].iat[r], lines.iat[r]) for r in s] for s in rows]


def build_input():
    """Sessions of 1-40 events cut from the real ones, 3 % of commands swapped (seeded)."""
    rng = random.Random(20240601)
    base = base_sessions()
    vocab = sorted({c for s in base for c in s})
    sessions, total = [], 0
    while total < EVENTS:
        src = base[rng.randrange(len(base))]
        start = rng.randrange(len(src))
        length = min(len(src) - start, rng.randint(1, 40))
        sess = [
            c if rng.random() >= 0.03 else vocab[rng.randrange(len(vocab))]
            for c in src[start : start + length]
        ]
        sessions.append(sess)
        total += len(sess)
    # command lines as commands, 1 % varied (a different argument): a vocabulary of ~1000
    lines = [
        [
            c[2]
            if rng.random() >= 0.01
            else f"{vocab[rng.randrange(len(vocab))][2]} {rng.randrange(10)}"
            for c in s
        ]
        for s in sessions
    ]
    # events for the sessionize case: 200 users, one event every 0-5 minutes
    users, times, cmds, t = [], [], [], 1_600_000_000_000
    for _ in range(SESSIONIZE_EVENTS):
        users.append(f"user{rng.randrange(200)}")
        t += rng.randrange(0, 300_000) // 200
        times.append(t)
        cmds.append(vocab[rng.randrange(len(vocab))][0])
    return {
        "cmds": [[c[0] for c in s] for s in sessions],
        "params": [[{"name": c[0], "params": list(c[1])} for c in s] for s in sessions],
        "cmdlines": lines,
        "events": {"user": users, "time_ms": times, "cmd": cmds},
    }


def load_input():
    if not INPUT.exists():
        TMP.mkdir(parents=True, exist_ok=True)
        INPUT.write_text(json.dumps(build_input()))
    return json.loads(INPUT.read_text())


def window_items(window):
    """msticpy's window as node.ts writes ours: names, or [name, sorted params]."""
    return [c if isinstance(c, str) else [c.name, sorted(c.params)] for c in window]


def compare(name, liks, windows, sessions):
    """Max relative difference against the Node side, differing windows and window starts."""
    if not OURS.exists():
        return {}
    ours = json.loads(OURS.read_text()).get(name)
    if not ours:
        return {}
    worst, wrong = 0.0, 0
    for ref, got in zip(liks, ours["likelihood"], strict=True):
        if ref is None or math.isnan(ref):
            wrong += got is not None
            continue
        worst = max(worst, abs(got - ref) / abs(ref) if ref else abs(got))
    for sess, win, start, got in zip(sessions, windows, ours["start"], ours["window"], strict=True):
        ref_start = next((i for i, c in enumerate(sess) if c is win[0]), None) if win else None
        wrong += (ref_start, window_items(win)) != (start if got else None, got)
    return {"maxRelDiff": worst, "windowMismatches": wrong, "sessions": len(liks)}


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--write-input":
        load_input()
        return
    import pandas as pd
    from msticpy.analysis.anomalous_sequence.anomalous import score_sessions
    from msticpy.analysis.anomalous_sequence.sessionize import sessionize_data
    from msticpy.analysis.anomalous_sequence.utils.data_structures import Cmd

    data = load_input()
    events = sum(len(s) for s in data["cmds"])
    cases = [
        ("score_cmds_w3", data["cmds"]),
        (
            "score_params_w3",
            [[Cmd(c["name"], set(c["params"])) for c in s] for s in data["params"]],
        ),
        ("score_cmdlines_w3", data["cmdlines"]),
    ]
    for name, sessions in cases:
        df = pd.DataFrame({"session": sessions})
        # best of 7 as on the Node side (at least); the slow large-vocabulary case runs once
        repeat = 1 if "cmdlines" in name else 7
        score = lambda df=df: score_sessions(df, "session", 3)  # noqa: E731
        seconds, res, cpu = time_it_cpu(score, repeat=repeat)
        liks = [None if math.isnan(x) else x for x in res["rarest_window3_likelihood"]]
        extra = compare(name, liks, res["rarest_window3"].tolist(), sessions)
        vocab = len({c.name if isinstance(c, Cmd) else c for s in sessions for c in s})
        report(name, seconds, rows=events, cpuSeconds=cpu, vocabulary=vocab, **extra)

    ev = data["events"]
    edf = pd.DataFrame(
        {
            "user": ev["user"],
            "time": pd.to_datetime(ev["time_ms"], unit="ms", utc=True),
            "cmd": ev["cmd"],
        }
    )
    seconds, res, cpu = time_it_cpu(
        lambda: sessionize_data(edf, ["user"], "time", 20, 2, "cmd"), repeat=1
    )
    ours = json.loads(OURS.read_text()).get("sessionize_20k") if OURS.exists() else None
    same = (
        ours is not None
        and ours["lists"] == res["cmd_list"].tolist()
        and ours["users"] == res["user"].tolist()
    )
    report(
        "sessionize_20k", seconds, rows=len(edf), cpuSeconds=cpu, sessions=len(res), identical=same
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
