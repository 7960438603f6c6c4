import copy

from seer import ledger


def chain(n=5):
    prev, out = ledger.GENESIS_HASH, []
    for k in range(1, n + 1):
        e = {
            "version_id": "0190a0b1-0000-7000-8000-000000000001",
            "mode": "live",
            "seq": k,
            "symbol": "USDCHF",
            "as_of": f"2001-03-01T{k:02d}:00:00.000Z",
            "horizon": "1h",
            "target": "return",
            "value": 0.001 * k - 0.002,
            "confidence": None if k % 2 else 0.5,
            "created_at": f"2001-03-01T{k:02d}:00:01.500Z",
        }
        e["prev_hash"] = prev
        e["hash"] = ledger.entry_hash(e, prev)
        prev = e["hash"]
        out.append(e)
    return out


def test_an_intact_chain_verifies():
    r = ledger.verify(chain())
    assert r["valid"] and r["checked"] == 5


def test_a_rewritten_value_is_found_even_with_hashes_recomputed_after_it():
    c = chain()
    c[2]["value"] = 0.5
    r = ledger.verify(c)
    assert not r["valid"] and r["firstBreak"]["seq"] == 3 and r["firstBreak"]["reason"] == "hash_mismatch"
    forged = copy.deepcopy(c)
    forged[2]["hash"] = ledger.entry_hash(forged[2], forged[2]["prev_hash"])
    r = ledger.verify(forged)
    assert r["firstBreak"]["reason"] == "prev_hash_mismatch" and r["firstBreak"]["seq"] == 4


def test_a_removed_entry_is_a_gap():
    c = chain()
    del c[1]
    assert ledger.verify(c)["firstBreak"]["reason"] == "seq_gap"


def test_encoding_matches_the_documented_bytes():
    # docs/RUNS.md: IEEE 754 binary64, big-endian hex; instants with milliseconds; -0 is 0.
    assert ledger.encode_float(1.0) == "3ff0000000000000"
    assert ledger.encode_float(-0.0) == ledger.encode_float(0.0)
    assert ledger.encode_instant("2001-03-01T12:00:00Z") == "2001-03-01T12:00:00.000Z"


# --- ledger v2 ---------------------------------------------------------------------------------

import base64  # noqa: E402
import subprocess  # noqa: E402


def chain_v2(n=4, start=None):
    prev = start["hash"] if start else ledger.GENESIS_HASH
    first = start["seq"] + 1 if start else 1
    out = []
    for k in range(first, first + n):
        e = {
            "ledger_format": "seer-ledger-v2",
            "version_id": "0190a0b1-0000-7000-8000-000000000001",
            "mode": "live",
            "seq": k,
            "run_id": "11111111-2222-4333-8444-555555555555",
            "input_digest": "a" * 64,
            "package_digest": "b" * 64,
            "symbol": "USDCHF",
            "as_of": f"2001-03-01T{k:02d}:00:00.000Z",
            "horizon": "1h",
            "target": "return",
            "value": 0.001 * k,
            "confidence": None,
            "salt": f"{k:02x}" * 32,
            "created_at": f"2001-03-01T{k:02d}:00:01.500Z",
        }
        e["commitment"] = ledger.commitment_of(e["value"], e["confidence"], e["salt"])
        e["prev_hash"] = prev
        e["hash"] = ledger.entry_hash(e, prev)
        prev = e["hash"]
        out.append(e)
    return out


def test_v2_encoding_matches_the_documented_bytes():
    # docs/VERIFYING.md and packages/core/src/predictions/ledger.test.ts: the same text.
    assert ledger.commitment_encoding(0.1, None, "01" * 32) == (
        "seer-ledger-v2-commitment\nvalue=3fb999999999999a\nconfidence=\nsalt=" + "01" * 32 + "\n")
    e = chain_v2(1)[0]
    text = ledger.canonical_encoding_v2(e, ledger.GENESIS_HASH)
    assert text.startswith("seer-ledger-v2\nversion_id=0190a0b1-0000-7000-8000-000000000001\nmode=live\nseq=1\n")
    assert f"\ncommitment={e['commitment']}\nprev_hash={'0' * 64}\n" in text and "value=" not in text


def test_v2_chain_verifies_hidden_and_revealed_and_catches_a_lie():
    c = chain_v2()
    hidden = [{**e, "value": None, "salt": None} for e in c]
    assert ledger.verify(hidden)["valid"]
    r = ledger.verify(c)
    assert r["valid"] and r["revealed"] == 4
    lied = copy.deepcopy(c)
    lied[1]["value"] = 0.5
    assert ledger.verify(lied)["firstBreak"]["reason"] == "commitment_mismatch"


def test_a_v1_chain_continues_in_v2():
    v1 = chain(3)
    v2 = chain_v2(2, start={"seq": 3, "hash": v1[-1]["hash"]})
    r = ledger.verify(v1 + v2)
    assert r["valid"] and r["checked"] == 5


def _keypair(tmp_path):
    key = tmp_path / "k.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(key)], check=True, capture_output=True)
    pub = subprocess.run(["openssl", "pkey", "-in", str(key), "-pubout"], check=True, capture_output=True, text=True).stdout
    return key, pub


def _sign(key, tmp_path, c):
    c["payload"] = ledger.checkpoint_payload(c)
    msg = tmp_path / "msg"
    msg.write_text(c["payload"])
    sig = subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", str(key), "-rawin", "-in", str(msg)],
                         check=True, capture_output=True).stdout
    c["signature"] = base64.b64encode(sig).decode()
    return c


def test_an_earlier_checkpoint_exposes_a_rewrite_with_every_hash_recomputed(tmp_path):
    key, pub = _keypair(tmp_path)
    kid = ledger.ledger_key_id(pub)
    c = chain_v2(4)
    cp = _sign(key, tmp_path, {"key_id": kid, "version_id": c[0]["version_id"], "mode": "live", "seq": 4,
                               "head": c[-1]["hash"], "signed_at": "2001-03-01T05:00:00.000Z"})
    keys = [{"keyId": kid, "publicKeyPem": pub}]
    record = {"model": "m", "chains": [{"version": "1.0.0", "versionId": c[0]["version_id"], "mode": "live",
                                        "head": {"seq": 4, "hash": c[-1]["hash"]}, "entries": c}],
              "checkpoints": [cp], "ledgerKeys": keys}
    ok, lines = ledger.verify_record(record)
    assert ok, lines
    assert "1 signed checkpoints match" in lines[0]

    # Rewrite entry 2 and recompute everything after it, then drop the checkpoints.
    forged = copy.deepcopy(c)
    forged[1]["value"] = 0.9
    forged[1]["commitment"] = ledger.commitment_of(0.9, None, forged[1]["salt"])
    prev = forged[0]["hash"]
    for e in forged[1:]:
        e["prev_hash"] = prev
        e["hash"] = ledger.entry_hash(e, prev)
        prev = e["hash"]
    rewritten = {**record, "chains": [{**record["chains"][0], "entries": forged, "head": {"seq": 4, "hash": prev}}],
                 "checkpoints": []}
    ok, lines = ledger.verify_record(rewritten)
    assert ok  # consistent in itself: only an outside copy shows the rewrite
    ok, lines = ledger.verify_record(rewritten, [("earlier", [cp], {kid: pub})])
    assert not ok and any("REWRITE" in x and "entry 4" in x for x in lines), lines

    # Entries cut off the end are reported too, and a forged checkpoint does not verify.
    short = {**record, "chains": [{**record["chains"][0], "entries": c[:2], "head": {"seq": 2, "hash": c[1]["hash"]}}]}
    ok, lines = ledger.verify_record(short)
    assert not ok and any("entries removed" in x for x in lines), lines
    bad = {**cp, "head": "f" * 64}
    bad["payload"] = ledger.checkpoint_payload(bad)
    assert ledger.check_checkpoint(bad, {kid: pub}) == "bad_signature"
    (tmp_path / "other").mkdir()
    assert ledger.check_checkpoint(cp, {kid: _keypair(tmp_path / "other")[1]}) == "unknown_key"
