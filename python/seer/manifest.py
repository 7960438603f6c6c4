"""Reading seer.toml for the command line. The platform's validation (packages/core registry
manifest rules) is the authority and runs at publish; this checks what a local run needs."""

import os
import tomllib

REQUIRED = ["name", "version", "entrypoint", "interval", "target", "symbols", "lookback"]


class ManifestError(Exception):
    pass


def read_manifest(pkg_dir):
    path = os.path.join(pkg_dir, "seer.toml")
    try:
        with open(path, "rb") as fh:
            m = tomllib.load(fh)
    except FileNotFoundError as e:
        raise ManifestError(f"{pkg_dir}: no seer.toml (run `seer init NAME` to make a package)") from e
    except tomllib.TOMLDecodeError as e:
        raise ManifestError(f"{path}: {e}") from e
    missing = [k for k in REQUIRED if k not in m]
    if missing:
        raise ManifestError(f"{path}: missing {', '.join(missing)}")
    if m["interval"] not in ("1h", "4h", "1d"):
        raise ManifestError(f"{path}: interval must be 1h, 4h or 1d")
    if m["target"] not in ("return", "direction", "price"):
        raise ManifestError(f"{path}: target must be return, direction or price")
    if not isinstance(m["symbols"], list) or not m["symbols"]:
        raise ManifestError(f"{path}: symbols must be a non-empty list")
    return m
