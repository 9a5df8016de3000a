"""Reading, redacting, validating and editing the user's msticpyconfig.yaml.

One module per concern (read each in one sitting):

* ``locate``     -- where msticpy finds msticpyconfig.yaml
* ``roundtrip``  -- ruamel round trip: parse with positions, dump in the file's style, merge
* ``redaction``  -- which settings are secrets and the descriptors that replace them
* ``validation`` -- errors and warnings naming paths
* ``edits``      -- PUT edits (JSON pointers) on the round-trip tree
* ``backups``    -- private copies taken before each save
* ``store``      -- the routes' file operations: read, update (etag conflicts), create
* ``errors``, ``limits`` -- error classes with their HTTP status; size bounds

This package re-exports the names the handlers and tests use.
"""

from . import backups, edits, errors, limits, locate, redaction, roundtrip, store, validation
from .edits import apply_edits, parse_pointer
from .errors import (
    ConfigConflict,
    ConfigError,
    ConfigNotFound,
    ConfigParseError,
    ConfigTooLarge,
    ConfigValidationError,
    EditError,
)
from .locate import CONFIG_ENV_VAR, CONFIG_FILE, Location, locate_config
from .redaction import describe_secret, is_secret_key, literal_secrets, redact, secret_ref
from .roundtrip import Style, _merge_text, detect_style, dump_yaml, parse_yaml, to_plain
from .store import MINIMAL_CONFIG, create_config, etag_of, read_config, update_config
from .validation import Problem, validate

__all__ = [
    "CONFIG_ENV_VAR",
    "CONFIG_FILE",
    "MINIMAL_CONFIG",
    "ConfigConflict",
    "ConfigError",
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
    "etag_of",
    "is_secret_key",
    "limits",
    "literal_secrets",
    "locate",
    "locate_config",
    "parse_pointer",
    "parse_yaml",
    "read_config",
    "redact",
    "redaction",
    "roundtrip",
    "secret_ref",
    "store",
    "to_plain",
    "update_config",
    "validate",
    "validation",
]
