"""Hostile msticpyconfig.yaml files and request bodies (corpus: tests/hostile/config/).

Every secret in the corpus contains the marker CANARY, with quotes of both kinds around it:
no response body or log line may contain it.
"""

# ruff: noqa: F811 (the fixtures conf and jp_server_config come from test_server)

import asyncio
import json
import os
import time
from pathlib import Path

import pytest
from test_server import conf, fail, get_json, jp_server_config  # noqa: F401 (fixtures)

from jupyterlab_hunt.server import config as cfg

CORPUS = Path(__file__).resolve().parent / "hostile" / "config"
MARK = "canary"


def corpus(pattern: str) -> list[str]:
    names = sorted(p.name for p in CORPUS.glob(pattern))
    assert names, f"no corpus file matches {pattern}"
    return names


def assert_no_canary(*texts: str) -> None:
    for text in texts:
        assert MARK not in text.lower(), "a CANARY secret leaked"


def logs_of(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records)


async def put(jp_fetch, etag, edits):
    body = json.dumps({"etag": etag, "edits": edits})
    return await fail(jp_fetch, "config", method="PUT", body=body)


DUPLICATE_PATHS = {
    "dup-section.yaml": "/TIProviders",
    "dup-provider.yaml": "/TIProviders/OTX",
    "dup-secret-key.yaml": "/TIProviders/OTX/Args/AuthKey",
    "dup-flow.yaml": "/DataProviders/Kusto/Args/ClientSecret",
    "dup-true-key.yaml": "/Custom/True",  # found by ruamel, placed by the scan
}


@pytest.mark.parametrize("name", corpus("dup-*.yaml"))
async def test_duplicate_keys_answer_positions_never_values(jp_fetch, conf, caplog, name):
    conf.write_bytes((CORPUS / name).read_bytes())
    code, err = await fail(jp_fetch, "config")
    assert code == 422
    assert_no_canary(json.dumps(err))
    assert "duplicate key" in err["message"]
    assert err["line"] >= 1 and err["column"] >= 1 and f"line {err['line']}" in err["message"]
    assert err.get("key_path") == DUPLICATE_PATHS[name]
    edit = [{"op": "set", "path": "/Azure/cloud", "value": "cn"}]
    code, put_err = await put(jp_fetch, err["etag"], edit)
    assert code == 422 and put_err["message"] == err["message"]
    assert_no_canary(json.dumps(err), json.dumps(put_err), logs_of(caplog))
    assert not list(conf.parent.glob("*.bak"))


@pytest.mark.parametrize(
    "problem,expected",
    [
        ("expected <block end>, but found '<block mapping start>'", None),
        ("found character '\\t' that cannot start any token", "found character"),
        ('found duplicate key "a" with value "it\'s" (original value: "x")', "found duplicate key"),
        (
            "could not determine a constructor for the tag '!x \"y'",
            "could not determine a constructor for the tag",
        ),
        ("expected ',' or ']', but got '<stream end>'", None),
    ],
)
def test_ruamel_texts_keep_only_token_names(problem, expected):
    assert cfg.guard.safe_problem(problem) == (expected or problem)


LITERAL = {"kind": "literal", "set": True, "label": "literal key stored (hidden)"}


@pytest.mark.parametrize("name", corpus("redact-*.yaml"))
async def test_secrets_are_redacted_by_provenance_and_kept_on_save(jp_fetch, conf, caplog, name):
    original = (CORPUS / name).read_bytes()
    conf.write_bytes(original)
    resp = await jp_fetch("jupyterlab-hunt", "config")
    assert_no_canary(resp.body.decode())
    body = json.loads(resp.body)
    # The panel sends sections back as it got them (descriptors included) with its change.
    edits = [{"op": "set", "path": f"/{k}", "value": v} for k, v in body["sections"].items()]
    edits.append({"op": "set", "path": "/Azure", "value": {"cloud": "cn"}})
    resp = await jp_fetch(
        "jupyterlab-hunt",
        "config",
        method="PUT",
        body=json.dumps({"etag": body["etag"], "edits": edits}),
    )
    assert_no_canary(resp.body.decode(), logs_of(caplog))
    before = cfg.to_plain(cfg.parse_yaml(original)[0])
    after = cfg.to_plain(cfg.parse_yaml(conf.read_bytes())[0])
    assert after.pop("Azure") == {"cloud": "cn"}
    assert after == before  # every secret kept, nothing else changed
    assert sorted(cfg.literal_secrets(cfg.parse_yaml(conf.read_bytes())[0])) == sorted(
        cfg.literal_secrets(cfg.parse_yaml(original)[0])
    )


async def test_provenance_redaction_keeps_plain_values(jp_fetch, conf):
    conf.write_bytes((CORPUS / "redact-anchors.yaml").read_bytes())
    _, body = await get_json(jp_fetch, "config")
    sections = body["sections"]
    assert sections["TIProviders"]["OTX"]["Args"]["AuthKey"] == LITERAL
    assert sections["TIProviders"]["RiskIQ"]["Args"]["ApiID"] == LITERAL
    custom = sections["Custom"]
    assert custom["Copy"] == LITERAL and custom["Reused"] == LITERAL
    assert custom["Merged"] == {"user": LITERAL, "pin": LITERAL, "note": "plain text"}
    # equal values that are not shared with a secret stay visible
    assert custom["Port"] == 42 and custom["Region"] == "eu"
    assert sections["TIProviders"]["OTX"]["Args"]["Region"] == "eu"
    conf.write_bytes((CORPUS / "redact-mapping-values.yaml").read_bytes())
    _, body = await get_json(jp_fetch, "config")
    ti = body["sections"]["TIProviders"]
    assert ti["OTX"]["Args"]["AuthKey"] == LITERAL == ti["VirusTotal"]["Args"]["AuthKey"]
    assert body["sections"]["DataProviders"]["Kusto"]["Args"]["ClientSecret"] == LITERAL
    assert body["sections"]["DataProviders"]["Kusto"]["Args"]["Cluster"].startswith("https://")


def mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


async def test_backups_are_private_and_outside_the_jupyter_root(
    jp_fetch, jp_root_dir, jp_data_dir, monkeypatch
):
    conf = jp_root_dir / "msticpyconfig.yaml"
    conf.write_bytes(
        (Path(__file__).resolve().parent.parent / "data/msticpy/msticpyconfig.yaml").read_bytes()
    )
    monkeypatch.setenv("MSTICPYCONFIG", str(conf))
    root = Path(jp_data_dir) / "jupyterlab_hunt" / "backups"
    root.mkdir(parents=True, mode=0o755)  # a looser folder from before is made private
    os.chmod(root, 0o755)
    _, body = await get_json(jp_fetch, "config")
    resp = await jp_fetch(
        "jupyterlab-hunt",
        "config",
        method="PUT",
        body=json.dumps(
            {"etag": body["etag"], "edits": [{"op": "set", "path": "/Azure/cloud", "value": "cn"}]}
        ),
    )
    backup = Path(json.loads(resp.body)["backup"])
    assert backup.parent.parent == root and backup.is_file()
    assert (mode(root), mode(backup.parent), mode(backup)) == ("0o700", "0o700", "0o600")
    assert sorted(p.name for p in jp_root_dir.iterdir()) == ["msticpyconfig.yaml"]
    _, listing = await get_json_api(jp_fetch, "api", "contents")
    assert [c["name"] for c in listing["content"]] == ["msticpyconfig.yaml"]


async def get_json_api(jp_fetch, *parts):
    resp = await jp_fetch(*parts)
    return resp.code, json.loads(resp.body)


def corpus_body(name: str, etag: str) -> str:
    return (CORPUS / name).read_text().replace('"ETAG"', json.dumps(etag))


async def test_refused_oversize_put_writes_nothing(jp_fetch, conf, jp_data_dir, monkeypatch):
    original = conf.read_bytes()
    backups = Path(jp_data_dir) / "jupyterlab_hunt" / "backups"
    _, body = await get_json(jp_fetch, "config")
    big = {"op": "set", "path": "/Custom/Note", "value": "x" * 3_000_000}
    code, err = await put(jp_fetch, body["etag"], [big])
    assert code == 413 and "limit" in err["message"]
    # under the body limit, over the file limit once applied: refused before writing too
    monkeypatch.setattr(cfg.limits, "MAX_CONFIG_BYTES", len(original) + 1000)
    code, err = await put(jp_fetch, body["etag"], [{**big, "value": "y" * 2000}])
    assert code == 413 and "would be" in err["message"]
    assert conf.read_bytes() == original and not backups.exists()
    assert sorted(p.name for p in conf.parent.iterdir()) == ["msticpyconfig.yaml"]
    code, again = await get_json(jp_fetch, "config")
    assert code == 200 and again["etag"] == body["etag"]


async def test_alias_bomb_is_refused_fast(jp_fetch, conf):
    conf.write_bytes((CORPUS / "alias-bomb.yaml").read_bytes())
    start = time.perf_counter()
    code, err = await fail(jp_fetch, "config")
    assert time.perf_counter() - start < 1.0
    assert code == 400 and "alias" in err["message"] and err["line"] >= 1
    code, err = await put(jp_fetch, err["etag"], [{"op": "set", "path": "/a", "value": 1}])
    assert code == 400 and "alias" in err["message"]
    conf.write_bytes((CORPUS / "alias-self.yaml").read_bytes())
    code, err = await fail(jp_fetch, "config")
    assert code == 422 and "its own anchor" in err["message"]


@pytest.mark.parametrize("name", corpus("deep-*.yaml"))
async def test_deep_yaml_is_a_clear_400(jp_fetch, conf, name):
    conf.write_bytes((CORPUS / name).read_bytes())
    code, err = await fail(jp_fetch, "config")
    assert code == 400 and f"more than {cfg.limits.MAX_DEPTH} levels" in err["message"]
    assert err["line"] >= 2 and err["key_path"].startswith("/Custom/x/0/0")


@pytest.mark.parametrize(
    "name,word",
    [
        ("put-deep-value.json", "levels deep"),
        ("put-deep-path.json", "levels deep"),
        ("put-many-edits.json", "the limit is"),
    ],
)
async def test_bounded_put_bodies(jp_fetch, conf, name, word):
    original = conf.read_bytes()
    _, body = await get_json(jp_fetch, "config")
    start = time.perf_counter()
    code, err = await fail(jp_fetch, "config", method="PUT", body=corpus_body(name, body["etag"]))
    assert code == 400 and word in err["message"], err
    assert time.perf_counter() - start < 1.0 and conf.read_bytes() == original


async def test_deepest_json_body_is_a_400(jp_fetch, conf):
    deep = '{"etag": "x", "edits": ' + "[" * 100_000 + "]" * 100_000 + "}"
    code, err = await fail(jp_fetch, "config", method="PUT", body=deep)
    assert code == 400 and "levels deep" in err["message"]


async def test_health_answers_while_a_config_operation_runs(jp_fetch, conf, monkeypatch):
    real = cfg.read_config

    def slow_read(*args, **kwargs):
        time.sleep(1.5)  # a slow disk or a large file, in the worker thread
        return real(*args, **kwargs)

    monkeypatch.setattr(cfg, "read_config", slow_read)
    slow = asyncio.ensure_future(jp_fetch("jupyterlab-hunt", "config"))
    await asyncio.sleep(0.2)
    start = time.perf_counter()
    code, health = await get_json(jp_fetch, "health")
    assert code == 200 and health["status"] == "ok"
    assert time.perf_counter() - start < 0.5 and not slow.done()
    assert (await slow).code == 200
