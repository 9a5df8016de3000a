"""Finding msticpyconfig.yaml where msticpy 3 finds it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "msticpyconfig.yaml"
CONFIG_ENV_VAR = "MSTICPYCONFIG"
HOME_CONFIG = Path("~/.msticpy") / CONFIG_FILE


@dataclass
class Location:
    path: Path
    exists: bool
    #: "env" (MSTICPYCONFIG), "cwd" (./msticpyconfig.yaml), "home" (~/.msticpy/...) or
    #: "default" (no file found: where POST /config/new would create it).
    source: str


def locate_config(env: Mapping[str, str] | None = None, cwd: str | Path | None = None) -> Location:
    """Find msticpyconfig.yaml as msticpy 3 does (``common/pkg_config.py::_get_custom_config``):

    1. the file named by ``MSTICPYCONFIG`` if that is an existing file;
    2. ``msticpyconfig.yaml`` in the current working directory;
    3. ``~/.msticpy/msticpyconfig.yaml``.

    With none found, the path to create is ``MSTICPYCONFIG`` if set, else the working
    directory's ``msticpyconfig.yaml``.
    """
    env = os.environ if env is None else env
    cwd = Path(os.getcwd() if cwd is None else cwd)
    env_path = env.get(CONFIG_ENV_VAR) or None
    if env_path and Path(env_path).expanduser().is_file():
        return Location(Path(env_path).expanduser().resolve(), True, "env")
    local = cwd / CONFIG_FILE
    if local.is_file():
        return Location(local.resolve(), True, "cwd")
    home = HOME_CONFIG.expanduser()
    if home.is_file():
        return Location(home.resolve(), True, "home")
    if env_path:
        return Location(Path(env_path).expanduser().absolute(), False, "default")
    return Location(local.absolute(), False, "default")
