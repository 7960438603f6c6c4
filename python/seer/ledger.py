#!/usr/bin/env python3
"""Offline verification of a Seer prediction record: the hash chain (formats seer-ledger-v1 and
seer-ledger-v2), revealed values against their commitments, the workers' signed checkpoints and
the version's attestation. The encodings are documented byte for byte in docs/VERIFYING.md (v1
also in docs/RUNS.md); it is the same algorithm as packages/core/src/predictions/ledger.ts and
checkpoints.ts.

Standard library only, one file: copy it anywhere and run

    python3 ledger.py RECORD.json [--checkpoints EARLIER.json ...]

RECORD.json is what `seer verify MODEL --save RECORD.json` downloads (docs/VERIFYING.md). Ed25519
signatures are checked with `openssl pkeyutl -verify -rawin` (OpenSSL 3)."""

import base64
import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

LEDGER_FORMAT_V1 = "seer-ledger-v1"
LEDGER_FORMAT_V2 = "seer-ledger-v2"
LEDGER_FORMAT = LEDGER_FORMAT_V1  # kept for callers of the v1 API
COMMITMENT_TAG = "seer-ledger-v2-commitment"
CHECKPOINT_FORMAT = "seer-ledger-checkpoint-v1"
ATTESTATION_TYPE = "seer.model-version.v1"
GENESIS_HASH = "0" * 64
_HEX = set("0123456789abcdef")


def _hex64(name, v):
    if not isinstance(v, str) or len(v) != 64 or not set(v) <= _HEX:
        raise ValueError(f"ledger field {name} must be 64 lowercase hex digits")
    return v


def _plain(v):
    v = str(v)
    if "\n" in v or "\r" in v:
        raise ValueError("ledger fields must not contain line breaks")
    return v


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
    """v1: the values are hashed directly."""
    conf = e.get("confidence")
    lines = [
        LEDGER_FORMAT_V1,
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


def commitment_encoding(value, confidence, salt):
    return "\n".join([
        COMMITMENT_TAG,
        f"value={encode_float(value)}",
        f"confidence={'' if confidence is None else encode_float(confidence)}",
        f"salt={_hex64('salt', salt)}",
    ]) + "\n"


def commitment_of(value, confidence, salt):
    return hashlib.sha256(commitment_encoding(value, confidence, salt).encode("utf-8")).hexdigest()


def canonical_encoding_v2(e, prev_hash):
    """v2: public fields and the commitment; the values stay out of the chain hash."""
    digest = e.get("input_digest")
    lines = [
        LEDGER_FORMAT_V2,
        f"version_id={_plain(e['version_id']).lower()}",
        f"mode={_plain(e['mode'])}",
        f"seq={int(e['seq'])}",
        f"run_id={_plain(e.get('run_id') or '').lower()}",
        f"input_digest={'' if digest is None else _hex64('input_digest', digest)}",
        f"package_digest={_hex64('package_digest', e.get('package_digest'))}",
        f"symbol={_plain(e['symbol'])}",
        f"as_of={encode_instant(e['as_of'])}",
        f"horizon={_plain(e['horizon'])}",
        f"target={_plain(e['target'])}",
        f"created_at={encode_instant(e['created_at'])}",
        f"commitment={_hex64('commitment', e.get('commitment'))}",
        f"prev_hash={prev_hash}",
    ]
    return "\n".join(lines) + "\n"


def entry_hash(e, prev_hash):
    fmt = e.get("ledger_format") or LEDGER_FORMAT_V1
    if fmt == LEDGER_FORMAT_V1:
        text = canonical_encoding(e, prev_hash)
    elif fmt == LEDGER_FORMAT_V2:
        text = canonical_encoding_v2(e, prev_hash)
    else:
        raise ValueError(f"unknown ledger format {fmt}")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def verify(entries, start_seq=0, start_hash=GENESIS_HASH):
    """Checks a chain in seq order. Returns {valid, checked, head, firstBreak, revealed, unverifiable,
    hashes}: `hashes` maps seq to the hash of every entry checked (for the checkpoint comparison)."""
    expected_seq, prev, checked, chain = start_seq + 1, start_hash, 0, None
    revealed = unverifiable = 0
    hashes = {}

    def result(brk):
        return {"valid": brk is None, "checked": checked, "head": prev, "firstBreak": brk,
                "revealed": revealed, "unverifiable": unverifiable, "hashes": hashes}

    for e in entries:
        key = (str(e["version_id"]).lower(), e["mode"])
        chain = chain or key
        if key != chain:
            return result({"seq": e["seq"], "reason": "chain_mismatch"})
        if int(e["seq"]) != expected_seq:
            return result({"seq": e["seq"], "reason": "seq_gap", "expected": expected_seq})
        if e["prev_hash"] != prev:
            return result({"seq": e["seq"], "reason": "prev_hash_mismatch", "expected": prev, "actual": e["prev_hash"]})
        fmt = e.get("ledger_format") or LEDGER_FORMAT_V1
        try:
            if fmt == LEDGER_FORMAT_V1 and e.get("value") is None:
                # A v1 entry hashes its values: unrevealed, only its link can be checked.
                unverifiable += 1
                h = e["hash"]
            else:
                if fmt == LEDGER_FORMAT_V2 and e.get("value") is not None and e.get("salt"):
                    c = commitment_of(e["value"], e.get("confidence"), e["salt"])
                    if c != e.get("commitment"):
                        return result({"seq": e["seq"], "reason": "commitment_mismatch", "expected": c,
                                       "actual": e.get("commitment")})
                    revealed += 1
                h = entry_hash(e, e["prev_hash"])
        except (ValueError, KeyError, TypeError) as err:
            return result({"seq": e["seq"], "reason": "malformed", "detail": str(err)})
        if h != e["hash"]:
            return result({"seq": e["seq"], "reason": "hash_mismatch", "expected": h, "actual": e["hash"]})
        prev = e["hash"]
        hashes[int(e["seq"])] = prev
        expected_seq += 1
        checked += 1
    return result(None)


# --- Ed25519 with standard tools ------------------------------------------------------------


def spki_der(pem):
    body = "".join(line for line in pem.strip().splitlines() if not line.startswith("-----"))
    return base64.b64decode(body)


def ledger_key_id(pem):
    """First 16 hex digits of SHA-256 of the SPKI DER: a ledger key's id is derived from the key."""
    return hashlib.sha256(spki_der(pem)).hexdigest()[:16]


def ed25519_verify(public_key_pem, message, signature_b64):
    """True when the base64 Ed25519 signature verifies over the UTF-8 message (openssl pkeyutl)."""
    try:
        sig = base64.b64decode(signature_b64, validate=True)
    except ValueError:
        return False
    with tempfile.TemporaryDirectory(prefix="seer-verify-") as d:
        paths = {n: os.path.join(d, n) for n in ("key.pem", "msg", "sig")}
        with open(paths["key.pem"], "w") as f:
            f.write(public_key_pem)
        with open(paths["msg"], "wb") as f:
            f.write(message.encode("utf-8"))
        with open(paths["sig"], "wb") as f:
            f.write(sig)
        r = subprocess.run(
            ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", paths["key.pem"], "-rawin",
             "-in", paths["msg"], "-sigfile", paths["sig"]],
            capture_output=True, text=True)
        return r.returncode == 0 and "Signature Verified Successfully" in r.stdout


def checkpoint_payload(c):
    return "\n".join([
        CHECKPOINT_FORMAT,
        f"key_id={c['key_id']}",
        f"version_id={str(c['version_id']).lower()}",
        f"mode={c['mode']}",
        f"seq={int(c['seq'])}",
        f"head={_hex64('head', c['head'])}",
        f"signed_at={encode_instant(c['signed_at'])}",
    ]) + "\n"


def check_checkpoint(c, keys):
    """None when the checkpoint verifies under `keys` (key id -> SPKI PEM); else the problem."""
    pem = keys.get(c.get("key_id"))
    if not pem or ledger_key_id(pem) != c.get("key_id"):
        return "unknown_key"
    try:
        if checkpoint_payload(c) != c.get("payload"):
            return "payload_mismatch"
    except (ValueError, KeyError):
        return "payload_mismatch"
    return None if ed25519_verify(pem, c["payload"], c.get("signature", "")) else "bad_signature"


def _key_map(keys):
    out = {}
    for k in keys or []:
        kid = k.get("keyId") or k.get("key_id") or k.get("kid")
        pem = k.get("publicKeyPem") or k.get("public_key_pem")
        if kid and pem:
            out[kid] = pem
    return out


def check_checkpoints(result, head, version_id, mode, checkpoints, keys, source="record"):
    """Compares every valid checkpoint of this chain with the verified chain. A checkpoint whose
    seq is in the chain must name that entry's hash; one beyond the chain's end means entries were
    removed. Returns (problems, verified_count); a problem is a one-line string."""
    problems, ok = [], 0
    hashes = result["hashes"]
    for c in checkpoints:
        if str(c.get("version_id", "")).lower() != str(version_id).lower() or c.get("mode") != mode:
            continue
        why = check_checkpoint(c, keys)
        if why:
            problems.append(f"{source} checkpoint signed at {c.get('signed_at')} (seq {c.get('seq')}) does not verify: {why}")
            continue
        seq = int(c["seq"])
        have = GENESIS_HASH if seq == 0 else hashes.get(seq)
        if have is None:
            last = max(hashes) if hashes else 0
            if result["valid"] and seq > last:
                problems.append(f"REWRITE: the {source} checkpoint signed at {c['signed_at']} covers seq {seq}, "
                                f"but the record ends at seq {last} (entries removed)")
            else:
                problems.append(f"{source} checkpoint of seq {seq} lies past the chain's first break; not compared")
            continue
        if have != c["head"]:
            problems.append(f"REWRITE: the {source} checkpoint signed at {c['signed_at']} says entry {seq} "
                            f"had hash {c['head']}, the record now has {have}")
            continue
        ok += 1
    return problems, ok


def check_attestation(att, signing_keys, package_digests):
    """The version's attestation must verify under a platform artifact key, name its digest, and
    every v2 entry must commit to that same package digest. Returns a list of problems."""
    problems = []
    keys = {k.get("kid") or k.get("keyId"): k.get("publicKeyPem") for k in signing_keys or []}
    pem = keys.get(att.get("keyId"))
    if not pem:
        return [f"attestation key {att.get('keyId')} is not among the platform's signing keys"]
    if not ed25519_verify(pem, att.get("payload", ""), att.get("signature", "")):
        return ["the attestation's signature does not verify"]
    try:
        payload = json.loads(att["payload"])
    except ValueError:
        return ["the attestation's signed payload is not JSON"]
    if payload.get("type") != ATTESTATION_TYPE or payload.get("digest") != att.get("digest"):
        problems.append("the attestation's signed payload does not name its digest")
    other = sorted(d for d in package_digests if d and d != payload.get("digest"))
    if other:
        problems.append(f"entries commit to package {other[0]}, not to the attested {payload.get('digest')}")
    return problems


def load_checkpoint_file(path):
    """An earlier saved copy: {checkpoints, ledgerKeys} (seer verify --save-checkpoints), a page of
    GET /v1/ledger/checkpoints ({items}), or a bare list."""
    with open(path) as f:
        data = json.load(f)
    if isinstance(data, list):
        return data, {}
    cps = data.get("checkpoints") or data.get("items") or []
    return cps, _key_map(data.get("ledgerKeys") or data.get("keys"))


def verify_record(record, earlier=()):
    """Verifies a downloaded record (docs/VERIFYING.md). `earlier` is a list of (label, checkpoints,
    keys) from saved copies. Returns (ok, lines)."""
    lines, ok = [], True
    keys = _key_map(record.get("ledgerKeys"))
    for chain in record.get("chains", []):
        entries = chain.get("entries", [])
        r = verify(entries)
        name = f"{record.get('model')}@{chain.get('version')} {chain.get('mode')}"
        head = chain.get("head") or {}
        # The recorded head (read before the entries) must be an entry of the downloaded chain.
        hseq = int(head.get("seq", 0)) if head else 0
        at = GENESIS_HASH if hseq == 0 else r["hashes"].get(hseq)
        if r["valid"] and head and at != head.get("hash"):
            r["valid"] = False
            r["firstBreak"] = {"seq": hseq, "reason": "head_mismatch"}
        state = "chain OK" if r["valid"] else f"BROKEN at seq {r['firstBreak']['seq']} ({r['firstBreak']['reason']})"
        ok = ok and r["valid"]
        extra = f", {r['revealed']} revealed values match their commitments" if r["revealed"] else ""
        if r["unverifiable"]:
            extra += f", {r['unverifiable']} v1 entries linked but not recomputable (values not revealed)"
        problems, good = check_checkpoints(r, head, chain.get("versionId"), chain.get("mode"),
                                           record.get("checkpoints", []), keys)
        for label, cps, ekeys in earlier:
            # An earlier copy's keys are trusted as they were saved; the record's own keys are used
            # only for key ids the copy does not hold.
            p, g = check_checkpoints(r, head, chain.get("versionId"), chain.get("mode"), cps,
                                     {**keys, **ekeys}, source=label)
            problems += p
            good += g
        ok = ok and not problems
        lines.append(f"{name}: {r['checked']} entries, head {r['head'][:16]}… {state}{extra}; "
                     f"{good} signed checkpoints match")
        lines += [f"  {p}" for p in problems]
        att = chain.get("attestation")
        if att is not None:
            digests = {e.get("package_digest") for e in entries if e.get("ledger_format") == LEDGER_FORMAT_V2}
            ap = check_attestation(att, record.get("signingKeys"), digests)
            ok = ok and not ap
            lines.append(f"  attestation: {'OK (' + att.get('digest', '')[:16] + '…)' if not ap else '; '.join(ap)}")
    return ok, lines


def main(argv=None):
    import argparse

    p = argparse.ArgumentParser(description="Verify a downloaded Seer prediction record offline (docs/VERIFYING.md).")
    p.add_argument("record", help="RECORD.json saved by `seer verify MODEL --save RECORD.json`")
    p.add_argument("--checkpoints", action="append", default=[], metavar="FILE",
                   help="an earlier saved copy of the checkpoints (repeatable)")
    args = p.parse_args(argv)
    with open(args.record) as f:
        record = json.load(f)
    earlier = [(f"earlier ({os.path.basename(x)})", *load_checkpoint_file(x)) for x in args.checkpoints]
    ok, lines = verify_record(record, earlier)
    print("\n".join(lines))
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
