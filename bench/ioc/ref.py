"""Reference side of the IoC benchmark: msticpy IoCExtract.extract_df on the corpus (msticpy's
default types), then agreement with the Node side's result sets (bench/out/ioc-ours-*.json,
written by node.ts, which runs first): how many msticpy observables we also find, per type,
what we find extra, and whether parity mode equals msticpy exactly.
"""

import json
import logging
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
logging.disable(logging.WARNING)  # tldextract cannot fetch the live PSL offline

import pandas as pd  # noqa: E402
from lib import ROOT, report, time_it  # noqa: E402
from msticpy.transform.iocextract import IoCExtract  # noqa: E402

CORPUS = ROOT / "bench/out/ioc-corpus.txt"
OUT = ROOT / "bench/out"


def load_ours(name):
    path = OUT / f"ioc-ours-{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def main():
    if not CORPUS.exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("corpus.py"))], check=True)
    lines = CORPUS.read_text(encoding="utf8").split("\n")[:-1]
    df = pd.DataFrame({"text": lines})
    ext = IoCExtract()
    ext.extract_df(df.head(100), "text")  # warm tldextract and the regex cache
    cpu0 = time.process_time()
    seconds, res = time_it(lambda: ext.extract_df(df, "text"), repeat=1)
    cpu_seconds = time.process_time() - cpu0
    ref = {(t, o, int(i)) for t, o, i in zip(res["IoCType"], res["Observable"], res["SourceIndex"])}
    (OUT / "ioc-ref.json").write_text(json.dumps(sorted(ref)))
    size = sum(len(x.encode("utf8")) + 1 for x in lines)
    figures = {"cpuSeconds": cpu_seconds, "rows": len(lines), "bytes": size, "observables": len(ref)}
    report("corpus default", seconds, **figures, **agreement(ref, load_ours("default")))
    parity = load_ours("parity")
    if parity is not None:
        ours = {(t, o, i) for t, o, i in parity}
        figures.update(parityExact=ours == ref, parityMissing=len(ref - ours), parityExtra=len(ours - ref))
    report("corpus parity", seconds, **figures)


def norm(o):
    """msticpy returns defanged text as written; our default mode reports refanged values."""
    return o.replace("[.]", ".").replace("hXXp", "http").replace("fXp", "ftp").replace("[at]", "@").replace("[AT]", "@")


def agreement(ref, ours_rows):
    if ours_rows is None:
        return {}
    ours = {(t, o, i) for t, o, i in ours_rows}
    found = {r for r in ref if r in ours or (r[0], norm(r[1]), r[2]) in ours}
    missed = ref - found
    by_cell = {}
    for t, o, i in ours:
        by_cell.setdefault((t, i), []).append(o)
    # Missed only by where the value ends (e.g. msticpy keeps a trailing quote on URLs).
    boundary = {r for r in missed if any(v in norm(r[1]) or norm(r[1]) in v for v in by_cell.get((r[0], r[2]), []))}
    msticpy_types = {t for t, _, _ in ref} | {"ipv4", "ipv6", "dns", "url", "email", "md5_hash", "sha1_hash", "sha256_hash"}
    refanged = {(t, norm(o), i) for t, o, i in ref}
    extra = Counter(t for t, o, i in ours - refanged if t in msticpy_types)
    return {
        "msticpyFoundByUs": f"{len(found)}/{len(ref)} ({100 * len(found) / max(1, len(ref)):.2f}%)",
        "missedByType": dict(Counter(t for t, _, _ in missed)),
        "missedBoundaryOnly": len(boundary),
        "missedSamples": sorted({o for _, o, _ in missed - boundary})[:10],
        "extraSameTypes": dict(extra),
        "extraOtherTypes": dict(Counter(t for t, _, _ in ours if t not in msticpy_types)),
    }


if __name__ == "__main__":
    main()
