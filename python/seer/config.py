"""Where the command keeps its credentials: $XDG_CONFIG_HOME/seer/config.json (default
~/.config/seer), mode 0600 in a 0700 folder. SEER_URL, SEER_TOKEN and SEER_API_KEY in the
environment override it (for CI jobs and bots)."""

import json
import os


def config_path():
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "seer", "config.json")


def load():
    cfg = {}
    try:
        with open(config_path()) as fh:
            cfg = json.load(fh)
    except (FileNotFoundError, json.JSONDecodeError):
        cfg = {}
    for env, key in (("SEER_URL", "url"), ("SEER_TOKEN", "token"), ("SEER_API_KEY", "apiKey")):
        if os.environ.get(env):
            cfg[key] = os.environ[env]
    return cfg


def save(cfg):
    path = config_path()
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    os.chmod(os.path.dirname(path), 0o700)
    tmp = path + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(cfg, fh, indent=2)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path
