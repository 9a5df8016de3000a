"""Bounds on what the config routes accept. Read at call time (``limits.X``) so tests can
lower them with monkeypatch."""

#: Larger files are refused (a msticpyconfig.yaml is a few KB).
MAX_CONFIG_BYTES = 2 * 1024 * 1024
#: Backups kept per config file (oldest removed first).
KEEP_BACKUPS = 20
#: Nesting depth of the YAML file, of a PUT body and of an edited tree (msticpy's own files
#: nest 5 or 6 levels).
MAX_DEPTH = 64
#: Nodes reached through YAML aliases, counted as if expanded (a billion-laughs file reaches
#: billions from a few hundred bytes).
MAX_ALIAS_NODES = 10_000
#: Edits in one PUT (the providers panel sends one per changed setting).
MAX_EDITS = 1_000
