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
