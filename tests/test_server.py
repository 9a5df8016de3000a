"""Server routes with pytest-jupyter's jp_fetch on a copy of the shipped msticpyconfig.yaml."""

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_hunt.server import config as cfg

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "msticpy" / "msticpyconfig.yaml"
SAMPLE_KV = ROOT / "data" / "msticpy" / "msticpyconfig-kv.yaml"


@pytest.fixture
def jp_server_config():
    return {"ServerApp": {"jpserver_extensions": {"jupyterlab_hunt": True}}}


@pytest.fixture
def conf(tmp_path, monkeypatch):
    """A private copy of the sample config, found through MSTICPYCONFIG."""
    path = tmp_path / "cfg" / "msticpyconfig.yaml"
    path.parent.mkdir()
    shutil.copy(SAMPLE, path)
    monkeypatch.setenv("MSTICPYCONFIG", str(path))
    monkeypatch.setenv("VTAUTHKEY", "vt-secret-value-in-env")
    monkeypatch.delenv("XFORCE_ID", raising=False)
    monkeypatch.setattr(cfg.locate, "HOME_CONFIG", tmp_path / "no-home" / "msticpyconfig.yaml")
    return path


def literal_secret_strings(path: Path) -> list[str]:
    """Literal secret values in the file that do not also occur as a non-secret value."""
    tree, _, _ = cfg.parse_yaml(path.read_bytes())
    secrets = set(cfg.literal_secrets(tree))
    plain = json.dumps(cfg.to_plain(_strip_secrets(tree)))
    found = sorted(s for s in secrets if s and f'"{s}"' not in plain)
    return found


def _strip_secrets(node, key=None):
    if isinstance(node, dict):
        return {k: _strip_secrets(v, k) for k, v in node.items() if not cfg.is_secret_key(k)}
    if isinstance(node, list):
        return [_strip_secrets(v) for v in node]
    return node


def assert_no_secrets(text: str, secrets: list[str]) -> None:
    assert secrets, "the test needs secrets to look for"
    for s in secrets:
        assert s not in text, f"secret {s[:3]}... leaked"


async def get_json(jp_fetch, *parts, **kw):
    resp = await jp_fetch("jupyterlab-hunt", *parts, **kw)
    return resp.code, json.loads(resp.body)


async def fail(jp_fetch, *parts, **kw):
    with pytest.raises(HTTPClientError) as info:
        await jp_fetch("jupyterlab-hunt", *parts, **kw)
    return info.value.code, json.loads(info.value.response.body)


async def test_health(jp_fetch):
    code, body = await get_json(jp_fetch, "health")
    assert code == 200 and body["status"] == "ok" and isinstance(body["version"], str)


async def test_routes_need_authentication(jp_fetch):
    for parts, method in ((("health",), "GET"), (("config",), "GET")):
        code, _ = await fail(
            jp_fetch, *parts, method=method, headers={"Authorization": "token wrong"}
        )
        assert code == 403


async def test_get_config_redacts_every_secret(jp_fetch, conf):
    secrets = literal_secret_strings(conf)
    assert (
        "987654321" in secrets
        and "aaaa-bbbb-cccc-dddd-eeee" in secrets
        and "[PLACEHOLDER]" in secrets
    )
    resp = await jp_fetch("jupyterlab-hunt", "config")
    text = resp.body.decode()
    assert_no_secrets(text, secrets + ["vt-secret-value-in-env"])
    body = json.loads(text)
    assert body["path"] == str(conf) and body["exists"] is True and body["source"] == "env"
    assert body["etag"] and body["mtime"]
    ti = body["sections"]["TIProviders"]
    assert ti["OTX"]["Args"]["AuthKey"] == {
        "kind": "literal",
        "set": True,
        "label": "literal key stored (hidden)",
    }
    assert ti["VirusTotal"]["Args"]["AuthKey"] == {"kind": "env", "name": "VTAUTHKEY", "set": True}
    assert ti["XForce"]["Args"]["ApiID"] == {"kind": "env", "name": "XFORCE_ID", "set": False}
    assert ti["GreyNoise"]["Args"]["AuthKey"]["set"] is False
    assert ti["OTX"]["Primary"] is True and ti["OTX"]["Provider"] == "OTX"
    ws = body["sections"]["AzureSentinel"]["Workspaces"]["Default"]
    assert ws["WorkspaceId"] == "52b1ab41-869e-4138-9e40-2a4457f09bf3"  # not a secret
    dp = body["sections"]["DataProviders"]
    assert dp["AzureCLI"]["Args"]["clientSecret"]["kind"] == "literal"
    assert dp["Kusto-MSTIC2"]["Args"]["ClientSecret"]["kind"] == "literal"
    assert body["sections"]["Azure"]["auth_methods"] == ["env", "cli", "msi", "interactive"]
    warnings = {p["path"] for p in body["problems"] if p["severity"] == "warning"}
    assert "/TIProviders/OTX/Args/AuthKey" in warnings  # literal key: visible warning
    assert not [p for p in body["problems"] if p["severity"] == "error"]


async def test_keyvault_descriptors(jp_fetch, tmp_path, monkeypatch):
    path = tmp_path / "kv.yaml"
    shutil.copy(SAMPLE_KV, path)
    monkeypatch.setenv("MSTICPYCONFIG", str(path))
    _, body = await get_json(jp_fetch, "config")
    ti = body["sections"]["TIProviders"]
    assert ti["OTX"]["Args"]["AuthKey"] == {"kind": "keyvault", "ref": "myvault/OTX_AuthKey"}
    assert ti["VirusTotal"]["Args"]["AuthKey"] == {"kind": "keyvault", "ref": None}
    assert body["sections"]["KeyVault"]["UseKeyring"] is True


async def test_put_edits_preserve_everything_else(jp_fetch, conf):
    original = conf.read_text()
    secrets = literal_secret_strings(conf)
    _, body = await get_json(jp_fetch, "config")
    edits = [
        {
            "op": "set",
            "path": "/TIProviders/OTX/Args/AuthKey",
            "value": {"kind": "env", "name": "OTX_KEY"},
        },
        {"op": "set", "path": "/Azure/cloud", "value": "usgov"},
        {
            "op": "set",
            "path": "/TIProviders/AbuseIPDB/Args/AuthKey",
            "value": "brand-new-literal-key",
        },
        {
            "op": "set",
            "path": "/TIProviders/Pulsedive",
            "value": {
                "Args": {"AuthKey": {"EnvironmentVar": "PD_KEY"}},
                "Primary": False,
                "Provider": "Pulsedive",
            },
        },
        {"op": "remove", "path": "/TIProviders/CrowdSec"},
    ]
    resp = await jp_fetch(
        "jupyterlab-hunt",
        "config",
        method="PUT",
        body=json.dumps({"etag": body["etag"], "edits": edits}),
    )
    text = resp.body.decode()
    assert_no_secrets(text, secrets + ["brand-new-literal-key"])
    saved = json.loads(text)
    assert saved["etag"] != body["etag"]
    assert saved["sections"]["TIProviders"]["AbuseIPDB"]["Args"]["AuthKey"]["kind"] == "literal"
    assert saved["sections"]["TIProviders"]["OTX"]["Args"]["AuthKey"] == {
        "kind": "env",
        "name": "OTX_KEY",
        "set": False,
    }
    # backup = the file as it was
    backup = Path(saved["backup"])
    assert backup.parent == cfg.backups.folder_for(conf) and backup.read_text() == original
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    # only the edited lines changed; comments, quoting, True/False, flow lists kept byte for byte
    new = conf.read_text()
    removed, added = [], []
    for line in difflib.ndiff(original.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    assert removed == [
        '  cloud: "global"',
        '      AuthKey: "987654321"',
        "  CrowdSec:",
        "    Args:",
        '      AuthKey: "[PLACEHOLDER]"',
        "    Primary: True",
        "    Provider: CrowdSec",
        '      AuthKey: "[PLACEHOLDER]"',
    ]
    assert added == [
        '  cloud: "usgov"',
        "      AuthKey:",
        "        EnvironmentVar: OTX_KEY",
        '      AuthKey: "brand-new-literal-key"',
        "  Pulsedive:",
        "    Args:",
        "      AuthKey:",
        "        EnvironmentVar: PD_KEY",
        "    Primary: False",
        "    Provider: Pulsedive",
    ]
    assert (
        '# [SuppressMessage("Microsoft.Security", "CS002:SecretInNextLine", Justification="Test code")]'
        in new
    )
    assert 'Provider: "OTX" # Explicitly name provider to override' in new
    # the literal secret is written (write-only) but never read back
    _, again = await get_json(jp_fetch, "config")
    assert "brand-new-literal-key" not in json.dumps(again)


async def test_literal_descriptor_keeps_the_stored_secret(jp_fetch, conf):
    _, body = await get_json(jp_fetch, "config")
    args = body["sections"]["TIProviders"]["RiskIQ"]["Args"]  # descriptors as the UI has them
    edits = [{"op": "set", "path": "/TIProviders/RiskIQ/Args", "value": args}]
    await jp_fetch(
        "jupyterlab-hunt",
        "config",
        method="PUT",
        body=json.dumps({"etag": body["etag"], "edits": edits}),
    )
    assert 'AuthKey: "aaaa-bbbb-cccc-dddd-eeee"' in conf.read_text()
    assert 'ApiID: "user@host.com"' in conf.read_text()


async def test_put_conflict_when_file_changed(jp_fetch, conf):
    _, body = await get_json(jp_fetch, "config")
    conf.write_text(conf.read_text() + "# edited elsewhere\n")
    before = conf.read_text()
    code, err = await fail(
        jp_fetch,
        "config",
        method="PUT",
        body=json.dumps(
            {"etag": body["etag"], "edits": [{"op": "set", "path": "/Azure/cloud", "value": "cn"}]}
        ),
    )
    assert code == 409 and "changed on disk" in err["message"] and err["etag"] != body["etag"]
    assert conf.read_text() == before
    assert not list(conf.parent.glob("*.bak"))


async def test_invalid_yaml_is_422_with_position_and_never_overwritten(jp_fetch, conf):
    _, body = await get_json(jp_fetch, "config")
    bad = conf.read_text().replace('  cloud: "global"', '  cloud: "global\n  oops: [', 1)
    conf.write_text(bad)
    code, err = await fail(jp_fetch, "config")
    assert code == 422 and "line" in err["message"] and err["line"] >= 15 and err["column"] >= 1
    assert err["path"] == str(conf)
    code, err = await fail(
        jp_fetch,
        "config",
        method="PUT",
        body=json.dumps(
            {"etag": err["etag"], "edits": [{"op": "set", "path": "/Azure/cloud", "value": "cn"}]}
        ),
    )
    assert code == 422 and "line" in err["message"]
    assert conf.read_text() == bad and not list(conf.parent.glob("*.bak"))


async def test_parse_error_messages_do_not_quote_secrets(jp_fetch, conf):
    conf.write_text(
        'TIProviders:\n  OTX:\n    Args:\n      AuthKey: "dup-secret-1"\n      AuthKey: "dup-secret-2"\n'
    )
    code, err = await fail(jp_fetch, "config")
    assert code == 422
    assert "dup-secret" not in json.dumps(err)


async def test_validation_errors_name_the_path(jp_fetch, conf):
    _, body = await get_json(jp_fetch, "config")
    edits = [
        {"op": "set", "path": "/AzureSentinel/Workspaces/Default/TenantId", "value": "not-a-uuid"},
        {"op": "set", "path": "/TIProviders/OTX/Primary", "value": "yes"},
        {"op": "remove", "path": "/TIProviders/VirusTotal/Args/AuthKey"},
        {
            "op": "set",
            "path": "/AzureSentinel/Workspaces/New",
            "value": {"WorkspaceId": "52b1ab41-869e-4138-9e40-2a4457f09bf3"},
        },
    ]
    before = conf.read_text()
    code, err = await fail(
        jp_fetch, "config", method="PUT", body=json.dumps({"etag": body["etag"], "edits": edits})
    )
    assert code == 422
    paths = {e["path"] for e in err["errors"]}
    assert paths == {
        "/AzureSentinel/Workspaces/Default/TenantId",
        "/TIProviders/OTX/Primary",
        "/TIProviders/VirusTotal/Args/AuthKey",
        "/AzureSentinel/Workspaces/New/TenantId",
    }
    assert "not-a-uuid" not in json.dumps(err)
    assert conf.read_text() == before


async def test_bad_edit_requests(jp_fetch, conf):
    _, body = await get_json(jp_fetch, "config")
    for payload, word in (
        ({"etag": body["etag"], "edits": []}, "edits"),
        (
            {"etag": body["etag"], "edits": [{"op": "set", "path": "Azure/cloud", "value": 1}]},
            "path",
        ),
        ({"etag": body["etag"], "edits": [{"op": "remove", "path": "/Nope/x"}]}, "not found"),
        ({"etag": body["etag"], "edits": [{"op": "move", "path": "/Azure"}]}, "unknown op"),
        ({"edits": [{"op": "set", "path": "/Azure/cloud", "value": "cn"}]}, "etag"),
    ):
        code, err = await fail(jp_fetch, "config", method="PUT", body=json.dumps(payload))
        assert code == 400 and word in err["message"], err
    code, err = await fail(jp_fetch, "config", method="PUT", body="{not json")
    assert code == 400


async def test_missing_file_and_create(jp_fetch, tmp_path, monkeypatch):
    target = tmp_path / "new" / "msticpyconfig.yaml"
    target.parent.mkdir()
    monkeypatch.setenv("MSTICPYCONFIG", str(target))
    monkeypatch.setattr(cfg.locate, "HOME_CONFIG", tmp_path / "no-home" / "msticpyconfig.yaml")
    _, body = await get_json(jp_fetch, "config")
    assert body == {
        "path": str(target),
        "exists": False,
        "source": "default",
        "mtime": None,
        "etag": None,
        "sections": None,
        "problems": [],
    }
    code, err = await fail(
        jp_fetch,
        "config",
        method="PUT",
        body=json.dumps({"etag": "x", "edits": [{"op": "set", "path": "/a", "value": 1}]}),
    )
    assert code == 404
    resp = await jp_fetch("jupyterlab-hunt", "config", "new", method="POST", body="")
    assert resp.code == 201
    created = json.loads(resp.body)
    assert created["exists"] is True and target.is_file()
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not [p for p in created["problems"] if p["severity"] == "error"]
    code, _ = await fail(jp_fetch, "config", "new", method="POST", body="")
    assert code == 409
    # the new file is editable, in block style
    edits = [
        {
            "op": "set",
            "path": "/TIProviders/VirusTotal",
            "value": {
                "Args": {"AuthKey": {"kind": "env", "name": "VT"}},
                "Primary": True,
                "Provider": "VirusTotal",
            },
        },
        {
            "op": "set",
            "path": "/AzureSentinel/Workspaces/Default",
            "value": {
                "WorkspaceId": "52b1ab41-869e-4138-9e40-2a4457f09bf3",
                "TenantId": "72f988bf-86f1-41af-91ab-2d7cd011db49",
            },
        },
    ]
    await jp_fetch(
        "jupyterlab-hunt",
        "config",
        method="PUT",
        body=json.dumps({"etag": created["etag"], "edits": edits}),
    )
    text = target.read_text()
    assert (
        "TIProviders:\n  VirusTotal:\n    Args:\n      AuthKey:\n        EnvironmentVar: VT\n"
        in text
    )
    assert text.startswith("# msticpy configuration, created by jupyterlab-hunt.")


async def test_cwd_lookup(jp_fetch, tmp_path, monkeypatch):
    monkeypatch.delenv("MSTICPYCONFIG", raising=False)
    monkeypatch.setattr(cfg.locate, "HOME_CONFIG", tmp_path / "no-home" / "msticpyconfig.yaml")
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLE, tmp_path / "msticpyconfig.yaml")
    _, body = await get_json(jp_fetch, "config")
    assert body["source"] == "cwd" and body["path"] == str(
        (tmp_path / "msticpyconfig.yaml").resolve()
    )


async def test_no_secret_in_server_log(jp_fetch, conf, caplog):
    secrets = literal_secret_strings(conf)
    _, body = await get_json(jp_fetch, "config")
    await jp_fetch(
        "jupyterlab-hunt",
        "config",
        method="PUT",
        body=json.dumps(
            {
                "etag": body["etag"],
                "edits": [
                    {
                        "op": "set",
                        "path": "/TIProviders/OTX/Args/AuthKey",
                        "value": "log-leak-check",
                    }
                ],
            }
        ),
    )
    await fail(
        jp_fetch,
        "config",
        method="PUT",
        body=json.dumps(
            {"etag": "stale", "edits": [{"op": "set", "path": "/a", "value": "log-leak-check-2"}]}
        ),
    )
    logs = "\n".join(r.getMessage() for r in caplog.records)
    assert "jupyterlab-hunt: saved" in logs and "409" in logs  # the log was captured
    assert_no_secrets(logs, secrets + ["log-leak-check", "log-leak-check-2"])
    assert os.environ["VTAUTHKEY"] not in logs


async def test_unreadable_file_is_a_clean_500(jp_fetch, conf, monkeypatch):
    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(conf))

    monkeypatch.setattr(cfg, "read_config", deny)
    code, err = await fail(jp_fetch, "config")
    assert code == 500 and err == {
        "message": "Could not access msticpyconfig.yaml: Permission denied"
    }
