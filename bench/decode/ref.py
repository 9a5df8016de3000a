"""Reference side of the decode benchmark: msticpy 3.0.2 base64unpack.unpack_df.

  python bench/decode/ref.py             benchmark cases (protocol in bench/run.ts)
  python bench/decode/ref.py --fixture   rewrite the jest parity fixture

The corpus is written by bench/decode/node.ts (which runs first) to bench/out/decode/.
"""

import base64
import json
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
warnings.filterwarnings("ignore")

import pandas as pd  # noqa: E402
from msticpy.transform import base64unpack as b64  # noqa: E402

from lib import ROOT, report, time_it_cpu  # noqa: E402

DATA = ROOT / "data" / "msticpy"
OUT = ROOT / "bench" / "out" / "decode"
FIXTURE = ROOT / "src" / "analytics" / "decode" / "__tests__" / "fixtures" / "msticpy_unpack_df.json"

SIMPLE = "VGhpcyBpcyBhIHRlc3Qgc3RyaW5nIGZvciBiYXNlNjQgZGVjb2Rpbmc="
PS_ENC = "powershell -enc " + base64.b64encode("IEX (New-Object Net.WebClient)".encode("utf-16-le")).decode()


def unpack_df(texts, utf16=False):
    """unpack_df on a one-column frame, with msticpy's global cache cleared first."""
    b64._UNDECODABLE_STRINGS.clear()
    return b64.unpack_df(pd.DataFrame({"input": texts}), column="input", utf16=utf16)


def jsonable(v):
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, tuple):
        return list(v)
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def fixture_cases():
    msg = (DATA / "base64msg.txt").read_text()
    inzip = (DATA / "b64text_inzip.txt").read_text()
    return [
        {"name": "base64msg x2", "utf16": False, "inputs": [msg, msg]},
        {"name": "b64text_inzip", "utf16": False, "inputs": [inzip]},
        {"name": "mixed rows", "utf16": False, "inputs": [SIMPLE, PS_ENC, "no base64 here", msg, "QUJD" * 9 + "A"]},
        {"name": "utf16 flag", "utf16": True, "inputs": [PS_ENC, SIMPLE]},
    ]


def write_fixture():
    cases = []
    for case in fixture_cases():
        df = unpack_df(case["inputs"], case["utf16"])
        rows, full = [], {}
        for rec in df.to_dict("records"):
            row = {k: jsonable(v) for k, v in rec.items()}
            # Kept small: input and full_decoded_string once per source row, and
            # input_bytes only as printable_bytes (checked to be the same hex).
            assert row.pop("input") == case["inputs"][row["src_index"]]
            full[row["src_index"]] = row.pop("full_decoded_string")
            assert row.pop("input_bytes") == row["printable_bytes"].replace(" ", "")
            rows.append(row)
        cases.append(
            {**case, "columns": list(df.columns), "shape": list(df.shape), "rows": rows, "full_decoded_string": full}
        )
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps({"msticpy": b64.VERSION, "cases": cases}, indent=1) + "\n")
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes)")




def read_jsonl(path):
    with open(path, encoding="utf8") as f:
        return [json.loads(line) for line in f if line.strip()]


COMPARED = [
    "reference", "original_string", "file_name", "file_type", "input_bytes", "decoded_string",
    "encoding_type", "md5", "sha1", "sha256", "printable_bytes", "src_index", "full_decoded_string",
]


def agreement(df, ours_path):
    """Rows of unpack_df that our parity rows match exactly (all compared columns, in order)."""
    ours = json.loads(Path(ours_path).read_text())
    theirs = [{k: jsonable(rec[k]) for k in COMPARED} for rec in df.to_dict("records")]
    same = sum(1 for a, b in zip(ours, theirs) if a == b)
    first_diff = next(
        ({"row": i, "columns": [k for k in COMPARED if a.get(k) != b.get(k)]} for i, (a, b) in enumerate(zip(ours, theirs)) if a != b),
        None,
    )
    return {"agreeRows": f"{same}/{len(theirs)} (ours {len(ours)})", "firstDiff": first_diff}


def main():
    tests = read_jsonl(OUT / "tests.jsonl")
    corpus = read_jsonl(OUT / "corpus.jsonl")
    # (case, texts, repeats, our parity rows to compare, our cases this run also serves)
    cases = [
        ("msticpy test inputs (parity)", tests, 3, OUT / "ours-msticpy.json", []),
        ("corpus 20k (parity)", corpus[:20000], 1, None, ["corpus 20k (default)"]),
        ("corpus (parity)", corpus, 1, OUT / "ours-corpus.json", ["corpus (default)", "corpus (default + IoCs)"]),
    ]
    for name, texts, repeat, ours, also in cases:
        seconds, df, cpu = time_it_cpu(lambda: unpack_df(texts), repeat)
        size = {"rows": len(texts), "bytes": sum(len(t.encode()) for t in texts), "items": len(df), "cpuSeconds": cpu}
        found = int(df["src_index"].nunique()) if len(df) else 0
        report(name, seconds, **size, inputRowsWithItems=found, **(agreement(df, ours) if ours else {}))
        # msticpy has one mode: the same run is the reference for our default mode.
        for other in also:
            report(other, seconds, **size)


if __name__ == "__main__":
    if "--fixture" in sys.argv:
        write_fixture()
    else:
        main()
