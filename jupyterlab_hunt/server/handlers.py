"""HTTP routes of the jupyterlab-hunt server extension (all under ``/jupyterlab-hunt/``).

* ``GET  /jupyterlab-hunt/health``      -> ``{"status": "ok", "version": ...}``
* ``GET  /jupyterlab-hunt/config``      -> the located msticpyconfig.yaml, secrets as descriptors
* ``PUT  /jupyterlab-hunt/config``      -> ``{"etag", "edits": [{"op", "path", "value"}]}``
* ``POST /jupyterlab-hunt/config/new``  -> create a minimal msticpyconfig.yaml (201)

Every route needs an authenticated Jupyter user (token/cookie and XSRF as usual). Error
bodies are ``{"message": ..., ...}``; no response or log line carries a secret value.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tornado
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from . import config as cfg

_LOCK = threading.Lock()


def _locked(op: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    with _LOCK:  # one config operation at a time (read-check-write of one file)
        return op()


def _version() -> str:
    from .. import __version__

    return __version__


class _HuntHandler(APIHandler):
    # msticpyconfig.yaml is a file the user owns: reading it needs "contents" read
    # permission, editing or creating it "contents" write (jupyter_server's Authorizer).
    auth_resource = "contents"

    def _location(self) -> cfg.Location:
        # settings["jupyterlab_hunt_config_cwd"] lets an embedding app (or a test) choose the
        # folder msticpy's "./msticpyconfig.yaml" rule looks in; default: the server's cwd.
        return cfg.locate_config(cwd=self.settings.get("jupyterlab_hunt_config_cwd"))

    def _reply(self, body: dict[str, Any], status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))

    async def _run(
        self, op: Callable[[], dict[str, Any]], status: int = 200
    ) -> dict[str, Any] | None:
        """The one path of every config route: run ``op`` in a worker thread under the lock
        (file and YAML work never blocks the event loop: other routes answer meanwhile),
        answer its body, or the error it raised. Returns the body sent, None after an error."""
        try:
            body = await asyncio.to_thread(_locked, op)
        except cfg.ConfigError as err:
            self._fail(err)
            return None
        except OSError as err:
            self._os_fail(err)
            return None
        self._reply(body, status)
        return body

    def _fail(self, err: cfg.ConfigError) -> None:
        # Messages and details are built from paths and positions only (see config.py).
        self.log.warning("jupyterlab-hunt config: %s %s", err.status, type(err).__name__)
        self._reply({"message": err.message, **err.details}, err.status)

    def _os_fail(self, err: OSError) -> None:
        self.log.warning("jupyterlab-hunt config: file error %s", type(err).__name__)
        self._reply({"message": f"Could not access msticpyconfig.yaml: {err.strerror or err}"}, 500)


class HealthHandler(_HuntHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        self._reply({"status": "ok", "version": _version()})


class ConfigHandler(_HuntHandler):
    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        await self._run(lambda: cfg.read_config(self._location()))

    @tornado.web.authenticated
    @authorized
    async def put(self) -> None:
        def update() -> dict[str, Any]:
            etag, edits = cfg.parse_body(self.request.body)
            root = self.settings.get("jupyterlab_hunt_backup_dir")
            backup_root = Path(root) if root else None
            return cfg.update_config(self._location(), etag, edits, backup_root=backup_root)

        body = await self._run(update)
        if body is not None:
            self.log.info("jupyterlab-hunt: saved %s (backup %s)", body["path"], body.get("backup"))


class NewConfigHandler(_HuntHandler):
    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        body = await self._run(lambda: cfg.create_config(self._location()), 201)
        if body is not None:
            self.log.info("jupyterlab-hunt: created %s", body["path"])


def setup_handlers(web_app: Any) -> None:
    base_url = web_app.settings["base_url"]
    route = lambda *p: url_path_join(base_url, "jupyterlab-hunt", *p)  # noqa: E731
    web_app.add_handlers(
        ".*$",
        [
            (route("health"), HealthHandler),
            (route("config"), ConfigHandler),
            (route("config", "new"), NewConfigHandler),
        ],
    )
