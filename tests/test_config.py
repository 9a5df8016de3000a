"""msticpyconfig handling without the server: lookup, redaction, validation, edits."""

import json
from pathlib import Path

import pytest

from jupyterlab_hunt.server import config as cfg

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "msticpy" / "msticpyconfig.yaml"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """Backups go to the Jupyter data dir: a temporary one, never the user's."""
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))


def test_lookup_order_matches_msticpy(tmp_path, monkeypatch):
    home = tmp_path / "home" / "msticpyconfig.yaml"
    monkeypatch.setattr(cfg.locate, "HOME_CONFIG", home)
    env_file = tmp_path / "env.yaml"
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    # nothing anywhere: MSTICPYCONFIG names where to create, else ./msticpyconfig.yaml
    loc = cfg.locate_config(env={"MSTICPYCONFIG": str(env_file)}, cwd=cwd)
    assert (loc.path, loc.exists, loc.source) == (env_file, False, "default")
    loc = cfg.locate_config(env={}, cwd=cwd)
    assert (loc.path, loc.exists, loc.source) == (cwd / "msticpyconfig.yaml", False, "default")
    home.parent.mkdir()
    home.write_text("{}\n")
    assert cfg.locate_config(env={}, cwd=cwd).source == "home"
    (cwd / "msticpyconfig.yaml").write_text("{}\n")
    assert (
        cfg.locate_config(env={"MSTICPYCONFIG": str(env_file)}, cwd=cwd).source == "cwd"
    )  # env file missing
    env_file.write_text("{}\n")
    loc = cfg.locate_config(env={"MSTICPYCONFIG": str(env_file)}, cwd=cwd)
    assert (loc.path, loc.exists, loc.source) == (env_file.resolve(), True, "env")


@pytest.mark.parametrize(
    "key,secret",
    [
        ("AuthKey", True),
        ("ApiID", True),
        ("clientSecret", True),
        ("ClientSecret", True),
        ("password", True),
        ("accesskey", True),
        ("token", True),
        ("MyApiToken", True),
        ("private_key", True),
        ("connection_str", True),
        ("UseKeyring", False),
        ("KeyVault", False),
        ("VaultName", False),
        ("WorkspaceId", False),
        ("TenantId", False),
        ("Provider", False),
    ],
)
def test_secret_key_names(key, secret):
    assert cfg.is_secret_key(key) is secret


def test_redaction_of_odd_shapes():
    tree, _, _ = cfg.parse_yaml(
        b"Custom:\n  Args:\n    AuthKey: 12345678\n    api_token: [a1, b2]\n    Password: null\n"
        b"    UseKeyring: true\n    Nested:\n      secret_thing: {EnvironmentVar: X_Y}\n"
        b"    Other: {KeyVault: }\n    Host: h\n"
    )
    red = cfg.redact(tree, env={"X_Y": "1"})["Custom"]["Args"]
    assert red["AuthKey"] == {
        "kind": "literal",
        "set": True,
        "label": "literal key stored (hidden)",
    }
    assert red["api_token"]["kind"] == "literal" and red["Password"]["set"] is False
    assert red["UseKeyring"] is True and red["Host"] == "h"
    assert red["Nested"]["secret_thing"] == {"kind": "env", "name": "X_Y", "set": True}
    assert red["Other"] == {"kind": "keyvault", "ref": None}
    text = json.dumps(red)
    assert "12345678" not in text and "a1" not in text
    assert sorted(cfg.literal_secrets(tree)) == ["12345678", "a1", "b2"]


def test_sample_has_no_errors_and_warns_on_literals():
    tree, _, _ = cfg.parse_yaml(SAMPLE.read_bytes())
    problems = cfg.validate(tree, env={})
    assert not [p for p in problems if p.severity == "error"]
    literal = {p.path for p in problems if "literal secret" in p.message}
    assert "/DataProviders/AzureCLI/Args/clientSecret" in literal
    assert "/OtherProviders/IPStack/Args/AuthKey" in literal
    unset = {p.path for p in problems if "is not set" in p.message}
    assert "/TIProviders/VirusTotal/Args/AuthKey" in unset


def test_validation_rules():
    tree, _, _ = cfg.parse_yaml(
        b"AzureSentinel:\n  Workspaces:\n    W:\n      WorkspaceId: 52b1ab41-869e-4138-9e40-2a4457f09bf3\n"
        b"      TenantId: nope\n      SubscriptionId: 3\n"
        b"TIProviders:\n  OTX:\n    Args: {}\n  XForce:\n    Args:\n      AuthKey: {EnvironmentVar: XK}\n"
        b"      ApiID: {Foo: bar}\n    Primary: maybe\n"
        b"  AzureSentinel:\n    Args:\n      WorkspaceID: zzz\n"
        b"Azure:\n  cloud: mars\n  auth_methods: [cli, telepathy]\n"
        b"KeyVault:\n  UseKeyring: 'yes'\n  Authority: global\n"
        b"msticpy:\n  http_timeout: fast\n"
        b"QueryDefinitions:\n  Custom: notalist\n"
    )
    problems = cfg.validate(tree, env={"XK": "v"})
    errors = {p.path: p.message for p in problems if p.severity == "error"}
    assert errors == {
        "/AzureSentinel/Workspaces/W/TenantId": "must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
        "/AzureSentinel/Workspaces/W/SubscriptionId": "must be a string",
        "/TIProviders/OTX/Args/AuthKey": "is required (a key, {EnvironmentVar: NAME} or {KeyVault: ...})",
        "/TIProviders/XForce/Args/ApiID": "must be a string, {EnvironmentVar: NAME} or {KeyVault: ...}",
        "/TIProviders/XForce/Primary": "must be true or false",
        "/TIProviders/AzureSentinel/Args/WorkspaceID": "must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
        "/Azure/cloud": "must be one of global, cn, usgov, de",
        "/Azure/auth_methods": "must be a list of env, msi, cli, devicecode, interactive, vscode, powershell, clientsecret, certificate",
        "/KeyVault/UseKeyring": "must be true or false",
        "/msticpy/http_timeout": "must be a number of seconds",
        "/QueryDefinitions/Custom": "must be a list of folder paths",
    }
    warnings = {p.path for p in problems if p.severity == "warning"}
    assert "/AzureSentinel/Workspaces" in warnings  # no Default workspace
    assert all("nope" not in p.to_json()["message"] for p in problems)


@pytest.mark.parametrize(
    "data,line",
    [
        (b"a: 1\nb: [1, 2\nc: 3\n", 3),
        (b"a:\n  b: 1\n c: 2\n", 3),
        (b"\tkey: 1\n", 1),
        (b"- just\n- a list\n", 1),
    ],
)
def test_parse_errors_have_positions(data, line):
    with pytest.raises(cfg.ConfigParseError) as info:
        cfg.parse_yaml(data)
    assert info.value.status == 422
    assert info.value.details["line"] == line and f"line {line}" in info.value.message


def test_non_utf8_and_empty_files():
    with pytest.raises(cfg.ConfigParseError, match="UTF-8"):
        cfg.parse_yaml(b"a: \xff\xfe\n")
    tree, _, _ = cfg.parse_yaml(b"")
    assert dict(tree) == {}
    tree, _, _ = cfg.parse_yaml(b"# only a comment\n")
    assert dict(tree) == {}


def test_detect_style_and_other_indentation(tmp_path):
    four = (
        "# four-space file\nTIProviders:\n    OTX:\n        Args:\n            AuthKey: abc  # keep me\n"
        "        Primary: true\nQueryDefinitions:\n    Custom:\n    - q1\n    - q2\n"
    )
    style = cfg.detect_style(four)
    assert (style.mapping, style.offset, style.booleans) == (4, 0, ("false", "true"))
    path = tmp_path / "msticpyconfig.yaml"
    path.write_text(four)
    loc = cfg.Location(path, True, "env")
    etag = cfg.read_config(loc, env={})["etag"]
    cfg.update_config(
        loc, etag, [{"op": "set", "path": "/TIProviders/OTX/Primary", "value": False}], env={}
    )
    assert path.read_text() == four.replace("Primary: true", "Primary: false")


def test_edit_operations_on_lists_and_escapes(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(SAMPLE.read_text())
    loc = cfg.Location(path, True, "env")
    etag = cfg.read_config(loc, env={})["etag"]
    cfg.update_config(
        loc,
        etag,
        [
            {"op": "set", "path": "/QueryDefinitions/Custom/-", "value": "more/queries"},
            {"op": "set", "path": "/QueryDefinitions/Default/0", "value": "q0"},
            {
                "op": "add",
                "path": "/DataProviders/a~1b~0c",
                "value": {"Args": {"Cluster": "https://x"}},
            },
            {"op": "remove", "path": "/Azure/auth_methods"},
        ],
        env={},
    )
    tree, _, _ = cfg.parse_yaml(path.read_bytes())
    assert list(tree["QueryDefinitions"]["Custom"]) == ["testdata", "more/queries"]
    assert list(tree["QueryDefinitions"]["Default"]) == ["q0"]
    assert "a/b~c" in tree["DataProviders"] and "auth_methods" not in tree["Azure"]
    assert '    - "q0"\n' in path.read_text()  # the replaced list item keeps its quotes


@pytest.mark.parametrize(
    "edit,word",
    [
        ({"op": "set", "path": "/QueryDefinitions/Custom/7", "value": "x"}, "out of range"),
        ({"op": "set", "path": "/QueryDefinitions/Custom/x", "value": "x"}, "list index"),
        ({"op": "set", "path": "/Azure/cloud/deeper", "value": "x"}, "value"),
        (
            {
                "op": "set",
                "path": "/TIProviders/New/Args/AuthKey",
                "value": {"kind": "literal", "set": True},
            },
            "no stored secret",
        ),
        (
            {
                "op": "set",
                "path": "/TIProviders/OTX/Args/AuthKey",
                "value": {"kind": "env", "name": "bad name"},
            },
            "environment variable",
        ),
        ({"op": "set", "path": "/x"}, "needs a value"),
        ({"op": "set", "path": "/"}, "path"),
    ],
)
def test_bad_edits(edit, word):
    tree, _, _ = cfg.parse_yaml(SAMPLE.read_bytes())
    with pytest.raises(cfg.EditError, match=word):
        cfg.apply_edits(tree, [edit])


def test_merge_falls_back_when_line_counts_differ():
    assert cfg._merge_text("a\nb\n", "a\n", "a\nc\n") == "a\nc\n"
    assert (
        cfg._merge_text("A: 1\nB: True\n", "A: 1\nB: true\n", "A: 2\nB: true\n")
        == "A: 2\nB: True\n"
    )


def test_etag_is_keyed_and_stable():
    assert cfg.etag_of(b"x") == cfg.etag_of(b"x") != cfg.etag_of(b"y")
    import hashlib

    assert cfg.etag_of(b"x") not in hashlib.sha256(b"x").hexdigest()


def test_minimal_config_is_valid():
    tree, _, _ = cfg.parse_yaml(cfg.MINIMAL_CONFIG.encode())
    assert not [p for p in cfg.validate(tree, env={}) if p.severity == "error"]


def test_crlf_file_stays_crlf(tmp_path):
    path = tmp_path / "msticpyconfig.yaml"
    original = SAMPLE.read_text().replace("\n", "\r\n")
    path.write_bytes(original.encode())
    loc = cfg.Location(path, True, "env")
    etag = cfg.read_config(loc, env={})["etag"]
    cfg.update_config(loc, etag, [{"op": "set", "path": "/Azure/cloud", "value": "cn"}], env={})
    new = path.read_bytes().decode()
    assert new == original.replace('cloud: "global"', 'cloud: "cn"')


def test_backups_are_pruned_and_private(tmp_path, monkeypatch):
    monkeypatch.setattr(cfg.limits, "KEEP_BACKUPS", 3)
    path = tmp_path / "msticpyconfig.yaml"
    path.write_text(SAMPLE.read_text())
    loc = cfg.Location(path, True, "env")
    for value in ("cn", "usgov", "global", "cn", "usgov"):
        etag = cfg.read_config(loc, env={})["etag"]
        cfg.update_config(
            loc, etag, [{"op": "set", "path": "/Azure/cloud", "value": value}], env={}
        )
    assert not list(tmp_path.glob("*.bak"))
    backups = sorted(cfg.backups.folder_for(path).glob("msticpyconfig.yaml.*.bak"))
    assert len(backups) == 3
    assert all(b.stat().st_mode & 0o077 == 0 for b in backups)
    assert 'cloud: "cn"' in backups[-1].read_text()  # the state before the last save
    assert 'cloud: "usgov"' in backups[0].read_text()


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(cfg.limits, "MAX_CONFIG_BYTES", 100)
    path = tmp_path / "msticpyconfig.yaml"
    path.write_text(SAMPLE.read_text())
    with pytest.raises(cfg.ConfigTooLarge) as info:
        cfg.read_config(cfg.Location(path, True, "env"), env={})
    assert info.value.status == 413
