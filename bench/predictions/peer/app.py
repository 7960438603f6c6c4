"""The peer: the owner's prediction page written the way the original design brief proposes,
Flask + gunicorn (sync workers) + psycopg2, all from Debian's packages. Same database, same
data, same checks as Seer's route: API key (prefix lookup, SHA-256 of the secret, constant-time
compare, not revoked or expired, scope), the user not disabled, the caller owns the model,
then one page of 100 predictions with outcomes in (as_of, id) order, as JSON.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/seer_bench_predictions \
      gunicorn -w 5 -b 127.0.0.1:3903 --chdir bench/predictions/peer app:app
"""
import hashlib
import hmac
import os
import re

import psycopg2
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
KEY = re.compile(r"^Bearer seer_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
_conn = None


def conn():
    # One connection per (sync, single-threaded) worker process.
    global _conn
    if _conn is None or _conn.closed:
        _conn = psycopg2.connect(os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/seer_bench_predictions"))
        _conn.autocommit = True
    return _conn


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (d.microsecond // 1000)


PAGE_SQL = """
SELECT p.id, p.version_id, p.mode, p.seq, p.run_id, p.symbol, p.as_of, p.horizon, p.target, p.value,
       p.confidence, p.created_at, p.prev_hash, p.hash,
       o.base_close, o.realized_close, o.realized_return, o.realized_direction, o.realized_value
  FROM predictions p LEFT JOIN outcomes o ON o.prediction_id = p.id
 WHERE p.version_id = %s AND p.mode = 'live' AND p.as_of >= %s
 ORDER BY p.as_of, p.id LIMIT %s
"""


@app.get("/v1/models/<slug>/predictions")
def predictions(slug):
    m = KEY.match(request.headers.get("Authorization", ""))
    if not m:
        abort(401)
    prefix, secret = m.group(1), m.group(2)
    limit = min(int(request.args.get("limit", 100)), 1000)
    frm = request.args.get("from")
    with conn().cursor() as cur:
        # The key joined with its owner: one query, the one Seer sends when its per-process auth cache misses.
        cur.execute(
            "SELECT k.user_id, k.secret_hash, k.scopes, k.revoked_at, k.expires_at, u.disabled_at"
            " FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.prefix = %s",
            (prefix,),
        )
        key = cur.fetchone()
        given = hashlib.sha256(secret.encode()).hexdigest()
        if not key or not hmac.compare_digest(key[1], given) or key[3] is not None:
            abort(401)
        if "predictions:read" not in key[2]:
            abort(403)
        user = (key[0], key[5])
        if user[1] is not None:
            abort(401)
        cur.execute("SELECT id, owner_id FROM models WHERE slug = %s", (slug,))
        model = cur.fetchone()
        if not model:
            abort(404)
        if model[1] != user[0]:
            abort(403)
        cur.execute("SELECT id, version FROM model_versions WHERE model_id = %s AND status <> 'draft'", (model[0],))
        versions = dict(cur.fetchall())
        version = request.args.get("version")
        vid = next((k for k, v in versions.items() if v == version), None)
        if vid is None:
            abort(404)
        cur.execute(PAGE_SQL, (vid, frm or "-infinity", limit + 1))
        rows = cur.fetchall()
    items = []
    for r in rows[:limit]:
        items.append({
            "version": versions[r[1]], "version_id": r[1], "mode": r[2], "seq": r[3], "symbol": r[5],
            "as_of": iso(r[6]), "horizon": r[7], "target": r[8], "value": r[9], "confidence": r[10],
            "created_at": iso(r[11]), "prev_hash": r[12], "hash": r[13], "run_id": r[4],
            "outcome": None if r[18] is None else {
                "base_close": r[14], "realized_close": r[15], "realized_return": r[16],
                "realized_direction": r[17], "realized_value": r[18],
            },
        })
    last = rows[limit - 1] if len(rows) > limit else None
    next_cursor = "%d-%d" % (int(last[6].timestamp() * 1000), last[0]) if last else None
    return jsonify({"model": slug, "mode": "live", "access": "full", "publicUntil": None, "items": items, "nextCursor": next_cursor})
