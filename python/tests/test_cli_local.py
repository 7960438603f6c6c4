"""`seer init`, `seer run`, `seer backtest` and packing, as an author uses them: through the
command, in a fresh folder."""

import io
import json
import os
import stat
import subprocess
import sys
import tarfile
import time

from conftest import PYTHON_DIR, REPO

from seer import config, package


def seer(*args, cwd, env=None):
    e = {**os.environ, "PYTHONPATH": PYTHON_DIR, **(env or {})}
    return subprocess.run([sys.executable, "-m", "seer", *args], cwd=cwd, env=e, capture_output=True, text=True, timeout=120)


def test_init_run_backtest(tmp_path):
    r = seer("init", "my-model", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    pkg = tmp_path / "my-model"
    assert sorted(os.listdir(pkg)) == [".seerignore", "README.md", "data", "model.py", "seer.toml", "test_model.py"]

    r = seer("run", "my-model", "--data", "my-model/data/USDCHF.csv", "--as-of", "2026-01-10T12:00:00Z", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[0] == "symbol,value,confidence" and lines[1].startswith("USDCHF,")

    r = seer(
        "backtest", "my-model", "--data", "my-model/data/USDCHF.csv",
        "--from", "2026-01-05T00:00:00Z", "--to", "2026-01-06T00:00:00Z", "--json", cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    import json

    out = json.loads(r.stdout)
    assert out["metrics"]["count"] == 25 and out["metrics"]["coverage"] == 1
    assert out["metrics"]["definitionVersion"] == "seer-metrics-1"
    # Point in time: each prediction's as_of is a boundary and its outcome is the next bar's.
    assert all(p["realizedReturn"] is not None for p in out["predictions"])

    # The scaffold's own test passes.
    t = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=pkg,
        env={**os.environ, "PYTHONPATH": PYTHON_DIR}, capture_output=True, text=True, timeout=120,
    )
    assert t.returncode == 0, t.stdout + t.stderr


def test_a_model_never_sees_bars_after_as_of(tmp_path):
    seer("init", "peek", cwd=tmp_path)
    (tmp_path / "peek" / "model.py").write_text(
        "def predict(ctx):\n"
        "    bars = ctx.ohlcv('USDCHF')\n"
        "    assert bars.index[-1] + __import__('pandas').Timedelta(hours=1) <= ctx.as_of, (bars.index[-1], ctx.as_of)\n"
        "    return {'USDCHF': 0.0}\n"
    )
    r = seer("run", "peek", "--data", "peek/data/USDCHF.csv", "--as-of", "2026-01-10T12:00:00Z", cwd=tmp_path)
    assert r.returncode == 0, r.stderr


def test_errors_are_one_line_and_non_zero(tmp_path):
    seer("init", "bad-model", cwd=tmp_path)
    r = seer("run", "bad-model", "--data", "missing.csv", "--as-of", "2026-01-10T12:00:00Z", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.strip() == "seer: no such data file: missing.csv"
    (tmp_path / "bad-model" / "model.py").write_text("def predict(ctx):\n    return {'NOPE': 1.0}\n")
    r = seer("run", "bad-model", "--data", "bad-model/data/USDCHF.csv", "--as-of", "2026-01-10T12:00:00Z", cwd=tmp_path)
    assert r.returncode == 1 and "bad_output" in r.stderr
    r = seer("init", "Bad Name", cwd=tmp_path)
    assert r.returncode == 2 and "lowercase" in r.stderr
    r = seer("deploy", "no-version", cwd=tmp_path, env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert r.returncode == 2 and "MODEL@VERSION" in r.stderr


def test_packing_is_deterministic_and_leaves_out_ignored_files(tmp_path):
    seer("init", "packed", cwd=tmp_path)
    a = package.build_tgz(tmp_path / "packed")
    time.sleep(1.1)
    os.utime(tmp_path / "packed" / "model.py")
    b = package.build_tgz(tmp_path / "packed")
    assert a == b
    with tarfile.open(fileobj=io.BytesIO(a)) as tar:
        names = tar.getnames()
        assert names == ["README.md", "model.py", "seer.toml"]
        assert all(m.mode == 0o644 and m.mtime == 0 and m.uid == 0 for m in tar.getmembers())
    os.symlink("/etc/passwd", tmp_path / "packed" / "leak")
    try:
        package.build_tgz(tmp_path / "packed")
        raise AssertionError("a symlink must be refused")
    except package.PackageError as e:
        assert "symbolic link" in str(e)


def test_credentials_are_stored_0600(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = config.save({"url": "http://x", "apiKey": "k"})
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    assert config.load()["apiKey"] == "k"


def test_example_models_run_locally():
    # The shipped examples run through the same harness on the real demo data.
    data = os.path.join(REPO, "packages/core/demo-data/usdchf_1h.csv")
    r = seer("run", os.path.join(REPO, "examples/momentum"), "--data", data, "--as-of", "2001-03-01T12:00:00Z", cwd=REPO)
    assert r.returncode == 0, r.stderr


PRETRAINED = os.path.join(REPO, "examples/sklearn-pretrained")


def test_pretrained_sklearn_example_runs_locally():
    # The example loads the scikit-learn model file shipped in its package (model.joblib).
    data = os.path.join(REPO, "packages/core/demo-data/usdchf_1h.csv")
    r = seer("run", PRETRAINED, "--data", data, "--as-of", "2001-03-01T12:00:00Z", cwd=REPO)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[0] == "symbol,value,confidence"
    sym, value, confidence = lines[1].split(",")
    assert sym == "USDCHF" and -1 < float(value) < 1 and float(value) != 0 and 0.5 < float(confidence) < 1
    assert "USDCHF P(up)=" in r.stderr and "sklearn 1.2.1" in r.stderr


def test_pretrained_example_refuses_a_model_file_from_another_sklearn(tmp_path):
    import shutil

    pkg = tmp_path / "pretrained"
    shutil.copytree(PRETRAINED, pkg)
    meta = json.loads((pkg / "model.json").read_text())
    meta["sklearn"] = "0.24.2"
    (pkg / "model.json").write_text(json.dumps(meta))
    data = os.path.join(REPO, "packages/core/demo-data/usdchf_1h.csv")
    r = seer("run", str(pkg), "--data", data, "--as-of", "2001-03-01T12:00:00Z", cwd=tmp_path)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "trained with scikit-learn 0.24.2" in r.stderr and "retrain it with train.py" in r.stderr


def test_the_shipped_model_file_is_what_train_py_writes(tmp_path):
    # model.joblib is not an opaque blob: the committed script rebuilds the same model. Not byte
    # for byte on every machine: OpenBLAS picks its kernels by CPU, so lbfgs lands on coefficients
    # that differ in the last bits (1e-14 relative between an AMD EPYC and an Intel Xeon, same
    # Debian packages), and numpy's SIMD sums give scaler means that differ in the last bit. The
    # check is what matters to a subscriber: the same scaler to 1e-12, the same number of
    # iterations, the same coefficients to 1e-9 and the same decisions on every training row.
    import hashlib
    import shutil

    import joblib
    import numpy as np

    pkg = tmp_path / "pretrained"
    shutil.copytree(PRETRAINED, pkg)
    (pkg / "model.joblib").unlink()
    data = os.path.join(REPO, "packages/core/demo-data/usdchf_1h.csv")
    r = subprocess.run([sys.executable, str(pkg / "train.py"), data], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    with open(os.path.join(PRETRAINED, "model.joblib"), "rb") as fh:
        shipped_bytes = fh.read()
    # The shipped file is the one its shipped manifest describes (train.py rewrote the copy's).
    with open(os.path.join(PRETRAINED, "model.json")) as fh:
        assert hashlib.sha256(shipped_bytes).hexdigest() == json.load(fh)["model_sha256"]
    shipped = joblib.load(os.path.join(PRETRAINED, "model.joblib"))
    rebuilt = joblib.load(pkg / "model.joblib")
    s_scaler, r_scaler = shipped.named_steps["standardscaler"], rebuilt.named_steps["standardscaler"]
    assert np.allclose(s_scaler.mean_, r_scaler.mean_, rtol=1e-12, atol=0)
    assert np.allclose(s_scaler.scale_, r_scaler.scale_, rtol=1e-12, atol=0)
    s_lr, r_lr = shipped.named_steps["logisticregression"], rebuilt.named_steps["logisticregression"]
    assert np.array_equal(s_lr.n_iter_, r_lr.n_iter_)
    assert np.allclose(s_lr.coef_, r_lr.coef_, rtol=1e-9, atol=0)
    assert np.allclose(s_lr.intercept_, r_lr.intercept_, rtol=1e-9, atol=1e-15)
    # The same decisions on the standardised training features' range: a grid across it.
    grid = np.linspace(-3, 3, 61)
    x = np.repeat(grid[:, None], s_lr.coef_.shape[1], axis=1) * s_scaler.scale_ + s_scaler.mean_
    assert np.array_equal(shipped.predict(x), rebuilt.predict(x))
    assert np.allclose(shipped.predict_proba(x), rebuilt.predict_proba(x), rtol=0, atol=1e-12)
