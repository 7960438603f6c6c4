"""A small HTTP client for the Seer API (standard library only). Errors come back as
``ApiError`` with the problem document's stable code and detail."""

import json
import urllib.error
import urllib.parse
import urllib.request


class ApiError(Exception):
    def __init__(self, status, code, detail, errors=None):
        super().__init__(f"{code}: {detail}")
        self.status, self.code, self.detail, self.errors = status, code, detail, errors or []


class Client:
    def __init__(self, url, token=None, api_key=None, timeout=60):
        if not url:
            raise ApiError(0, "not_logged_in", "no server URL: run `seer login --url URL` first (or set SEER_URL)")
        self.url = url.rstrip("/")
        self.token = token
        self.api_key = api_key
        self.timeout = timeout

    def _headers(self, extra=None):
        h = {"accept": "application/json", "user-agent": "seer-sdk/0.1"}
        secret = self.api_key or self.token
        if secret:
            h["authorization"] = f"Bearer {secret}"
        h.update(extra or {})
        return h

    def request(self, method, path, body=None, query=None, raw=None, content_type=None, accept=None):
        url = self.url + path
        if query:
            url += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        data = None
        headers = {}
        if raw is not None:
            data = raw
            headers["content-type"] = content_type or "application/octet-stream"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        if accept:
            headers["accept"] = accept
        req = urllib.request.Request(url, data=data, method=method, headers=self._headers(headers))
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as res:
                payload = res.read()
                ctype = res.headers.get("content-type", "")
        except urllib.error.HTTPError as e:
            payload = e.read()
            try:
                doc = json.loads(payload)
            except ValueError:
                raise ApiError(e.code, "http_error", f"{method} {path}: HTTP {e.code}") from None
            raise ApiError(e.code, doc.get("code", "http_error"), doc.get("detail", ""), doc.get("errors")) from None
        except urllib.error.URLError as e:
            raise ApiError(0, "unreachable", f"cannot reach {self.url}: {e.reason}") from None
        if "json" in ctype:
            return json.loads(payload) if payload else None
        return payload.decode()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)
