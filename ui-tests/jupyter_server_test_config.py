"""Jupyter server configuration for the Galata UI tests."""

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821  (CI runs as root)
# The providers panel looks for msticpyconfig.yaml where msticpy would (the server's working
# folder); the tests upload it into the temporary Jupyter root, so look there.
c.ServerApp.tornado_settings = {"jupyterlab_hunt_config_cwd": c.ServerApp.root_dir}  # noqa: F821
