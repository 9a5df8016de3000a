"""Reading, redacting, validating and editing the user's msticpyconfig.yaml.

One module per concern (read each in one sitting):

* ``locate``     -- where msticpy finds msticpyconfig.yaml
* ``guard``      -- a pass over the YAML events first: bounds, duplicates, safe messages
* ``roundtrip``  -- ruamel round trip: parse with positions, dump in the file's style, merge
* ``secretnames`` -- which settings hold secrets (key names, references)
* ``redaction``  -- descriptors replacing every value that is or came from a secret
* ``validation`` -- errors and warnings naming paths
* ``edits``      -- PUT edits (JSON pointers) on the round-trip tree
* ``backups``    -- private copies taken before each save
* ``store``      -- the routes' file operations: read, update (etag conflicts), create
* ``errors``, ``limits`` -- error classes with their HTTP status; size bounds

This package re-exports the names the handlers and tests use.
"""

from . import (
    backups,
    edits,
    errors,
    guard,
    limits,
    locate,
    redaction,
    roundtrip,
    secretnames,
    store,
    validation,
)
from .edits import apply_edits, parse_body, parse_pointer
from .errors import (
    ConfigConflict,
    ConfigError,
    ConfigLimitError,
    ConfigNotFound,
    ConfigParseError,
    ConfigTooLarge,
    ConfigValidationError,
    EditError,
)
from .locate import CONFIG_ENV_VAR, CONFIG_FILE, Location, locate_config
from .redaction import describe_secret, literal_secrets, redact
from .roundtrip import Style, _merge_text, detect_style, dump_yaml, parse_yaml, to_plain
from .secretnames import is_secret_key, secret_ref
from .store import MINIMAL_CONFIG, create_config, etag_of, read_config, update_config
from .validation import Problem, validate

__all__ = [
    "CONFIG_ENV_VAR",
    "CONFIG_FILE",
    "MINIMAL_CONFIG",
    "ConfigConflict",
    "ConfigError",
    "ConfigLimitError",
    "ConfigNotFound",
    "ConfigParseError",
    "ConfigTooLarge",
    "ConfigValidationError",
    "EditError",
    "Location",
    "Problem",
    "Style",
    "_merge_text",
    "apply_edits",
    "backups",
    "create_config",
    "describe_secret",
    "detect_style",
    "dump_yaml",
    "edits",
    "errors",
    "guard",
    "etag_of",
    "is_secret_key",
    "limits",
    "literal_secrets",
    "locate",
    "locate_config",
    "parse_body",
    "parse_pointer",
    "parse_yaml",
    "read_config",
    "redact",
    "redaction",
    "roundtrip",
    "secretnames",
    "secret_ref",
    "store",
    "to_plain",
    "update_config",
    "validate",
    "validation",
]
