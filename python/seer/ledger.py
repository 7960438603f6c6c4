"""Offline verification of a downloaded prediction ledger (format seer-ledger-v1, documented
byte for byte in docs/RUNS.md; the same algorithm as packages/core/src/predictions/ledger.ts).
Standard library only, so anyone can audit it."""

import hashlib
import struct
from datetime import datetime, timezone

LEDGER_FORMAT = "seer-ledger-v1"
GENESIS_HASH = "0" * 64


def encode_float(v):
    v = float(v)
    if v != v or v in (float("inf"), float("-inf")):
        raise ValueError(f"ledger values must be finite, got {v}")
    return struct.pack(">d", 0.0 if v == 0 else v).hex()


def encode_instant(t):
    if isinstance(t, (int, float)):
        d = datetime.fromtimestamp(t / 1000, tz=timezone.utc)
    else:
        d = datetime.fromisoformat(str(t).replace("Z", "+00:00")).astimezone(timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


def canonical_encoding(e, prev_hash):
    conf = e.get("confidence")
    lines = [
        LEDGER_FORMAT,
        f"version_id={str(e['version_id']).lower()}",
        f"mode={e['mode']}",
        f"seq={int(e['seq'])}",
        f"symbol={e['symbol']}",
        f"as_of={encode_instant(e['as_of'])}",
        f"horizon={e['horizon']}",
        f"target={e['target']}",
        f"value={encode_float(e['value'])}",
        f"confidence={'' if conf is None else encode_float(conf)}",
        f"created_at={encode_instant(e['created_at'])}",
        f"prev_hash={prev_hash}",
    ]
    for line in lines:
        if "\n" in line or "\r" in line:
            raise ValueError("ledger fields must not contain line breaks")
    return "\n".join(lines) + "\n"


def entry_hash(e, prev_hash):
    return hashlib.sha256(canonical_encoding(e, prev_hash).encode("utf-8")).hexdigest()


def verify(entries, start_seq=0, start_hash=GENESIS_HASH):
    """Checks a chain in seq order. Returns {valid, checked, head, firstBreak}."""
    expected_seq, prev, checked, chain = start_seq + 1, start_hash, 0, None

    def result(brk):
        return {"valid": brk is None, "checked": checked, "head": prev, "firstBreak": brk}

    for e in entries:
        key = (str(e["version_id"]).lower(), e["mode"])
        chain = chain or key
        if key != chain:
            return result({"seq": e["seq"], "reason": "chain_mismatch"})
        if int(e["seq"]) != expected_seq:
            return result({"seq": e["seq"], "reason": "seq_gap", "expected": expected_seq})
        if e["prev_hash"] != prev:
            return result({"seq": e["seq"], "reason": "prev_hash_mismatch", "expected": prev, "actual": e["prev_hash"]})
        h = entry_hash(e, e["prev_hash"])
        if h != e["hash"]:
            return result({"seq": e["seq"], "reason": "hash_mismatch", "expected": h, "actual": e["hash"]})
        prev = e["hash"]
        expected_seq += 1
        checked += 1
    return result(None)
