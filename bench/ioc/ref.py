"""Reference side of the IoC benchmark: msticpy IoCExtract.extract_df on the corpus (msticpy's
default types), then agreement with the Node side's result sets (bench/out/ioc-ours-*.json,
written by node.ts, which runs first): how many msticpy observables we also find, per type,
what we find extra, and whether parity mode equals msticpy exactly.
"""

import json
import logging
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
logging.disable(logging.WARNING)  # tldextract cannot fetch the live PSL offline

import pandas as pd  # noqa: E402
from lib import ROOT, report, time_it_cpu  # noqa: E402
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
    seconds, res, cpu_seconds = time_it_cpu(lambda: ext.extract_df(df, "text"), repeat=1)
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


DEFANG = [
    (re.compile(r"\[\.\]"), "."),
    (re.compile(r"^hxxp", re.I), "http"),
    (re.compile(r"^fxp", re.I), "ftp"),
    (re.compile(r"\[at\]", re.I), "@"),
]


def norm(o):
    """msticpy returns defanged text as written (hxxps://evil[.]com, hXXp, fXp, user[at]...);
    our default mode reports refanged values (docs/ioc.md difference 1)."""
    for pattern, plain in DEFANG:
        o = pattern.sub(plain, o)
    return o


# Two-label names whose TLD is also a common file extension (src/analytics/ioc/tld.ts).
FILE_EXTENSION_TLDS = {"zip", "mov", "py", "sh", "ps", "pl", "rs", "md", "so", "app", "cab"}
MSTICPY_TYPES = {"ipv4", "ipv6", "dns", "url", "email", "md5_hash", "sha1_hash", "sha256_hash",
                 "windows_path", "linux_path"}


# Code names read as host names (src/analytics/ioc/codenames.ts, same rule).
NAMESPACE_ROOTS = set(
    "system microsoft windows wscript cscript scripting shell mscorlib adodb msxml msxml2 "
    "winhttp internetexplorer excel word outlook powerpoint access powershell vbscript "
    "wbemscripting schedule shellwindows".split()
)
PACKAGE_ROOTS = set("com org net edu gov java javax android androidx kotlin".split())
HOST_TLDS = set("com net org edu gov mil int".split())


def is_code_name(name):
    labels = name.split(".")
    first, tld = labels[0].lower(), labels[-1]
    if len(labels) >= 3 and first in PACKAGE_ROOTS:
        return True
    if first in NAMESPACE_ROOTS and tld.lower() not in HOST_TLDS and len(tld) > 2:
        return True
    return any(c.isupper() for c in tld) and any(c.islower() for c in name)


def explain_missed(miss, lines, ours_by_cell, ref_by_cell):
    """Which documented difference (docs/ioc.md, default mode vs msticpy) makes us not report
    this msticpy observable; "unexplained" if none does."""
    t, o, i = miss
    n = norm(o)
    if t == "url" and any(v in n or n in v for v in ours_by_cell.get((t, i), [])):
        return "#9 same URL, trailing quote/punctuation trimmed"
    line = lines[i]
    if t == "dns":
        labels = n.split(".")
        k = line.find(o)
        before = line[k - 1] if k > 0 else ""
        if any(u.split("://", 1)[-1].startswith(o) for u in ref_by_cell.get(("url", i), [])):
            return "#3 URL host without a valid TLD (msticpy adds it unchecked)"
        if (len(labels) == 2 and labels[1].lower() in FILE_EXTENSION_TLDS) or (before and before in "/\\"):
            return "#10 file name or path component, not a domain"
        if is_code_name(o):
            return "#17 code name (namespace, ProgID, package, member access), not a domain"
    if t == "ipv4":
        if any(o in ua for ua in ours_by_cell.get(("user_agent", i), [])):
            return "version inside a user agent (Chrome/120.0.0.0), reported as user_agent"
        if any(int(x) > 255 for x in o.split(".") if x.isdigit()):
            return "#5 octet over 255"
    if t.endswith("_hash") and (len(set(o.lower())) == 1 or o.isdigit()):
        return "implausible hash (one repeated character or all digits)"
    return "unexplained"


def explain_extra(extra, ref_by_cell):
    t, o, i = extra
    if any(o in norm(v) for v in ref_by_cell.get((t, i), [])):
        return "#9 msticpy's value with trailing quote/punctuation trimmed"
    return "unexplained"


def agreement(ref, ours_rows):
    if ours_rows is None:
        return {}
    lines = CORPUS.read_text(encoding="utf8").split("\n")
    ours = {(t, o, i) for t, o, i in ours_rows}
    found = {r for r in ref if r in ours or (r[0], norm(r[1]), r[2]) in ours}
    missed = ref - found
    ours_by_cell, ref_by_cell = {}, {}
    for t, o, i in ours:
        ours_by_cell.setdefault((t, i), []).append(o)
    for t, o, i in ref:
        ref_by_cell.setdefault((t, i), []).append(o)
    why = {r: explain_missed(r, lines, ours_by_cell, ref_by_cell) for r in missed}
    refanged = {(t, norm(o), i) for t, o, i in ref}
    extra_same = {r for r in ours - refanged - ref if r[0] in MSTICPY_TYPES}
    why_extra = Counter(explain_extra(r, ref_by_cell) for r in extra_same)
    unexplained = [r for r, w in why.items() if w == "unexplained"]
    return {
        "msticpyFoundByUs": f"{len(found)}/{len(ref)} ({100 * len(found) / max(1, len(ref)):.2f}%)",
        "msticpyFoundOrExplained": f"{len(ref) - len(unexplained)}/{len(ref)}",
        "unexplainedDifferences": len(unexplained) + why_extra["unexplained"],
        "missedByType": dict(Counter(t for t, _, _ in missed)),
        "missedWhy": dict(Counter(why.values()).most_common()),
        "missedTopValues": [f"{t}:{o} x{c}" for (t, o), c in Counter((t, o) for t, o, _ in missed).most_common(8)],
        "missedUnexplainedSamples": sorted({f"{t}:{o}" for t, o, _ in unexplained})[:10],
        "extraSameTypes": dict(Counter(t for t, _, _ in extra_same)),
        "extraSameTypesWhy": dict(why_extra),
        "extraOtherTypes": dict(Counter(t for t, _, _ in ours if t not in MSTICPY_TYPES)),
    }


if __name__ == "__main__":
    main()
