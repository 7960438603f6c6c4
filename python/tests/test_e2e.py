"""End to end: the seer command against a real Seer server this test starts (`bin/seerd all` on
the local PostgreSQL, with the shipped demo market data): login, publish an example model,
deploy it through the deploy check, list versions and runs, run a backtest on the platform,
read and verify the record."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
from conftest import PYTHON_DIR, REPO

PG = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SEERD = os.path.join(REPO, "bin", "seerd")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(sql):
    subprocess.run(["psql", PG, "-v", "ON_ERROR_STOP=1", "-qc", sql], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seer-e2e")
    db = f"seer_sdk_{uuid.uuid4().hex[:10]}"
    psql(f"CREATE DATABASE {db}")
    url = PG.rsplit("/", 1)[0] + "/" + db
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "SEER_DATA_DIR": str(tmp / "data"),
        "SEER_GENERATE_KEYS": "true",
        "LOG_LEVEL": "warn",
        "ARGON2_MEMORY_KIB": "256",
        "ARGON2_TIME_COST": "1",
        # numpy and pandas only in the fork template: quicker to start on a busy machine.
        "SANDBOX_PREIMPORT": "",
    }
    env.pop("REDIS_URL", None)
    run = lambda *a, **kw: subprocess.run([SEERD, *a], env=env, capture_output=True, text=True, timeout=300, **kw)  # noqa: E731
    for args in (["migrate"], ["ingest", "demo"]):
        r = run(*args)
        assert r.returncode == 0, r.stderr
    r = run("users", "create", "--email", "dev@example.test", "--roles", "developer", "--password-stdin",
            input="correct horse battery staple\n")
    assert r.returncode == 0, r.stderr
    proc = subprocess.Popen([SEERD, "all"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while True:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as res:
                if res.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            raise AssertionError(f"seerd all did not become ready: {proc.stderr.read()[-2000:]}")
        time.sleep(0.5)
    yield {"url": base, "cfg": str(tmp / "cfg")}
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def seer(server, *args, stdin=None, timeout=300):
    env = {**os.environ, "PYTHONPATH": PYTHON_DIR, "XDG_CONFIG_HOME": server["cfg"]}
    for k in ("SEER_URL", "SEER_TOKEN", "SEER_API_KEY"):
        env.pop(k, None)
    return subprocess.run([sys.executable, "-m", "seer", *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=timeout, cwd=REPO)


def test_author_and_subscriber_paths(server):
    r = seer(server, "predictions", "nothing")
    assert r.returncode == 3 and "not_logged_in" in r.stderr

    r = seer(server, "login", "--url", server["url"], "--email", "dev@example.test", "--password-stdin",
             stdin="correct horse battery staple\n")
    assert r.returncode == 0, r.stderr
    cfg = os.path.join(server["cfg"], "seer", "config.json")
    assert oct(os.stat(cfg).st_mode & 0o777) == "0o600"
    assert json.load(open(cfg))["apiKey"].startswith("seer_")

    r = seer(server, "publish", "examples/momentum", "--model", "sdk-momentum")
    assert r.returncode == 0, r.stderr
    published = json.loads(r.stdout)
    assert published["version"] == "1.0.0" and len(published["digest"]) == 64

    # Publishing the same version again is refused with the platform's code, one line.
    r = seer(server, "publish", "examples/momentum", "--model", "sdk-momentum")
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("seer: ")]
    assert r.returncode == 3 and len(errors) == 1 and "manifest_invalid" in errors[0]

    r = seer(server, "deploy", "sdk-momentum@1.0.0")
    assert r.returncode == 0, r.stderr
    assert "deployed" in r.stdout

    r = seer(server, "versions", "sdk-momentum")
    assert r.returncode == 0 and "1.0.0,deployed," + published["digest"] in r.stdout

    r = seer(server, "backtest", "--remote", "sdk-momentum@1.0.0", "--from", "2001-03-01T00:00:00Z",
             "--to", "2001-03-01T06:00:00Z")
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["counts"]["succeeded"] >= 6

    r = seer(server, "runs", "sdk-momentum")
    assert r.returncode == 0, r.stderr

    r = seer(server, "predictions", "sdk-momentum")
    assert r.returncode == 0, r.stderr

    r = seer(server, "verify", "sdk-momentum", "--mode", "backtest")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "backtest: " in r.stdout and "OK" in r.stdout
