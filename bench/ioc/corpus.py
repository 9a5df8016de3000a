"""Build the IoC benchmark corpus: >= 200,000 realistic log lines made from msticpy's test data
(data/msticpy/*.csv): Windows command lines, syslog and auditd messages, network flows
(as flow records and netstat lines), logons, proxy/URL lines, AV/hash lines and mail logs,
with a small share of defanged threat-intel lines. Deterministic (fixed seed).

Usage: python bench/ioc/corpus.py [lines]   -> bench/out/ioc-corpus.txt (one line per row)
"""

import random
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data/msticpy"
OUT = ROOT / "bench/out/ioc-corpus.txt"

DOMAINS = ["microsoft.com", "login.microsoftonline.com", "update.windowsupdate.com", "github.com",
           "raw.githubusercontent.com", "cdn.jsdelivr.net", "evil-c2.ru", "pastebin.com",
           "news.ycombinator.com", "some.domain.it", "files.example.org", "tracker.badsite.xyz",
           "api.telegram.org", "dl.dropboxusercontent.com", "sts.contoso.co.uk", "x1.bank-secure.info"]
PATHS = ["index.html", "download/setup.exe", "api/v1/beacon?id=42&k=abc", "wp-admin/admin-ajax.php",
         "en/ip-address/90.156.201.27/information/", "payload.ps1", "a/b/c.js", "login?next=%2Fhome"]
AGENTS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/120.0.0.0 Safari/537.36", "curl/7.68.0", "python-requests/2.31.0",
          "Microsoft-CryptoAPI/10.0", "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0"]
USERS = ["alice", "bob", "svc_backup", "MSTICAdmin", "root", "j.smith"]


def load():
    procs = pd.read_csv(DATA / "processes_on_host.csv")
    syslog = pd.read_csv(DATA / "syslog_data.csv")
    audit = pd.read_csv(DATA / "linux_events.csv")
    flows = pd.read_csv(DATA / "az_net_flows.csv")
    logons = pd.read_csv(DATA / "host_logons.csv")
    ips = pd.read_csv(DATA / "ip_locs.csv")
    return {
        "cmd": procs["CommandLine"].dropna().astype(str).tolist(),
        "syslog": syslog["SyslogMessage"].dropna().astype(str).tolist(),
        "audit": [a.replace("\n", " ") for a in audit["AuditdMessage"].dropna().astype(str)],
        "flows": flows.to_dict("records"),
        "logons": logons.to_dict("records"),
        "ips": ips["IpAddress"].dropna().astype(str).tolist()
        + flows["VMIPAddress"].dropna().astype(str).unique().tolist(),
    }


def hexstr(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def make_line(rng, src, i):
    ts = f"2019-02-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z"
    kind = rng.random()
    ip, ip2 = rng.choice(src["ips"]), rng.choice(src["ips"])
    dom, path = rng.choice(DOMAINS), rng.choice(PATHS)
    if kind < 0.25:
        return f"{ts} host=WIN-{i % 97} proc=4688 cmd={rng.choice(src['cmd'])}"
    if kind < 0.35:
        return f"{ts} squid-uk-02 sudo: {rng.choice(src['syslog'])}"
    if kind < 0.40:
        return rng.choice(src["audit"])
    if kind < 0.55:
        f = rng.choice(src["flows"])
        return (f"{ts} flow src={f['VMIPAddress']} dst={f['AllExtIPs']} dport={int(f['DestPort'] or 0)} "
                f"proto={f['L4Protocol']} l7={f['L7Protocol']} dir={f['FlowDirection']} vm={f['VMName']}")
    if kind < 0.62:
        if rng.random() < 0.5:
            return f"tcp4  0  0  {ip}.{rng.randint(1024, 65535)}  {ip2}.443  ESTABLISHED"
        return f"  TCP    {ip}:{rng.randint(1024, 65535)}    {ip2}:443    ESTABLISHED    {rng.randint(4, 9999)}"
    if kind < 0.80:
        scheme = rng.choice(["https", "http", "https", "ftp"])
        return (f'{ts} {ip} {rng.choice(USERS)} GET {scheme}://{dom}/{path} 200 {rng.randint(200, 90000)} '
                f'"{rng.choice(AGENTS)}"')
    if kind < 0.86:
        lg = rng.choice(src["logons"])
        return (f"{ts} EventID=4624 Account={lg['Account']} LogonType={lg['LogonType']} "
                f"IpAddress={ip} Workstation={lg['WorkstationName']}")
    if kind < 0.92:
        return (f"{ts} AV quarantine md5={hexstr(rng, 32)} sha256={hexstr(rng, 64)} "
                f"path=C:\\Users\\{rng.choice(USERS)}\\AppData\\Local\\Temp\\{hexstr(rng, 8)}.exe "
                f"sha1:{hexstr(rng, 40).upper()}")
    if kind < 0.97:
        u = rng.choice(USERS)
        return f"{ts} postfix/smtpd: from=<{u}@{dom}> to=<{rng.choice(USERS)}@contoso.com> relay={ip} status=sent"
    # Threat-intel style defanged line.
    d = dom.replace(".", "[.]")
    return f"TI report: C2 hxxps://{d}/{path} resolved to {ip.replace('.', '[.]', 1)} contact admin[at]{d}"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rng = random.Random(20190201)
    src = load()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf8") as f:
        for i in range(n):
            f.write(make_line(rng, src, i).replace("\r", " ").replace("\n", " ") + "\n")
    print(f"wrote {n} lines, {OUT.stat().st_size / 1e6:.1f} MB to {OUT}")


if __name__ == "__main__":
    main()
