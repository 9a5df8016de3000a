"""Bounds on what the config routes accept. Read at call time (``limits.X``) so tests can
lower them with monkeypatch."""

#: Larger files are refused (a msticpyconfig.yaml is a few KB).
MAX_CONFIG_BYTES = 2 * 1024 * 1024
#: Backups kept per config file (oldest removed first).
KEEP_BACKUPS = 20
