"""scripts/demo.sh runs scripts/setup.sh only when setup's inputs changed (issue item 21).

Runs the real demo.sh in a copy of the repository's layout where setup.sh and jupyter are
stubs that record their calls, so nothing is installed and no server starts.
"""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

STUB = """#!/usr/bin/env bash
echo "$(basename "$0") $*" >> "{log}"
{extra}
"""


def _executable(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "demo.sh", repo / "scripts" / "demo.sh")
    for name in ("package.json", "package-lock.json", "pyproject.toml", "tsconfig.json"):
        (repo / name).write_text(f"{name}\n")
    (repo / "src").mkdir()
    (repo / "src" / "index.ts").write_text("export default [];\n")
    (repo / "schema").mkdir()
    (repo / "style").mkdir()
    (repo / "demo").mkdir()
    log = tmp_path / "calls.log"
    # setup.sh: leaves what a real setup leaves (jupyter, node_modules, the labextension).
    _executable(
        repo / "scripts" / "setup.sh",
        STUB.format(
            log=log,
            extra="\n".join(
                [
                    'cd "$(dirname "$0")/.."',
                    "mkdir -p .venv/bin node_modules jupyterlab_hunt/labextension",
                    f"printf '#!/usr/bin/env bash\\necho \"jupyter $*\" >> {log}\\n' > .venv/bin/jupyter",
                    "chmod +x .venv/bin/jupyter",
                    "touch node_modules/.package-lock.json jupyterlab_hunt/labextension/package.json",
                    '[ -z "${FAIL_SETUP:-}" ] || exit 3',
                ]
            ),
        ),
    )
    return repo


def demo(repo: Path, **env: str) -> list[str]:
    log = repo.parent / "calls.log"
    log.write_text("")
    subprocess.run(
        ["bash", "scripts/demo.sh", "--no-browser"],
        cwd=repo,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        timeout=60,
    )
    return log.read_text().splitlines()


def test_second_start_skips_setup_and_a_change_runs_it(tree: Path) -> None:
    assert demo(tree) == ["setup.sh ", "jupyter lab hunt-demo.ipynb --no-browser"]
    assert demo(tree) == ["jupyter lab hunt-demo.ipynb --no-browser"]
    for changed in ("package-lock.json", "pyproject.toml", "src/index.ts"):
        (tree / changed).write_text((tree / changed).read_text() + "// changed\n")
        assert demo(tree)[0] == "setup.sh ", changed
        assert demo(tree)[0].startswith("jupyter lab"), changed
    # A new source file counts too.
    (tree / "src" / "new.ts").write_text("export {};\n")
    assert demo(tree)[0] == "setup.sh "


def test_setup_runs_again_when_its_output_is_gone_or_asked_for(tree: Path) -> None:
    demo(tree)
    shutil.rmtree(tree / "node_modules")
    assert demo(tree)[0] == "setup.sh "
    assert demo(tree, HUNT_SETUP="always")[0] == "setup.sh "
    assert demo(tree)[0].startswith("jupyter lab")


def test_a_failed_setup_leaves_no_stamp(tree: Path) -> None:
    log = tree.parent / "calls.log"
    with pytest.raises(subprocess.CalledProcessError):
        subprocess.run(
            ["bash", "scripts/demo.sh"],
            cwd=tree,
            env={**os.environ, "FAIL_SETUP": "1"},
            check=True,
            capture_output=True,
            timeout=60,
        )
    assert not (tree / ".venv" / ".hunt-setup-stamp").exists()
    assert demo(tree)[0] == "setup.sh "
    assert log.exists()
