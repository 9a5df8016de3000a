"""Names shared by the kernel side, the server side and the frontend (keep in sync with
``src/tokens.ts``). No third-party imports here."""

#: Comm target name used in both directions (``COMM_TARGET`` in src/tokens.ts).
COMM_TARGET = "jupyterlab_hunt"

#: MIME type of ``hunt.show(df)`` outputs: base64 text of an Arrow IPC *stream*.
MIME_TYPE = "application/vnd.apache.arrow.stream"

#: Version of the metadata entry stored with that MIME type.
MIME_METADATA_VERSION = 1

#: Version of the comm protocol (sent in ``hello``).
PROTOCOL_VERSION = 1

#: Key of the notebook's context in each execute request's metadata.
EXECUTE_METADATA_KEY = "jupyterlab_hunt"

#: Version of the payload under that key.
EXECUTE_CONTEXT_VERSION = 1
