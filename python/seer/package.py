"""Packing a model folder into the .tar.gz the platform takes: regular files only, sorted
paths, no owners, mtime 0, mode 0644, so the same folder always packs to the same bytes.
The platform re-canonicalises and computes the digest itself; this only avoids surprises."""

import fnmatch
import gzip
import io
import os
import tarfile

SKIP_DIRS = {"__pycache__", ".git", ".venv", ".pytest_cache", ".mypy_cache"}
SKIP_SUFFIXES = (".pyc", ".pyo")


class PackageError(Exception):
    pass


def ignore_patterns(root):
    """Globs from .seerignore (one per line; `dir/` ignores a folder), matched on relative paths."""
    try:
        with open(os.path.join(root, ".seerignore")) as fh:
            pats = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]
    except FileNotFoundError:
        pats = []
    return pats + [".seerignore"]


def _ignored(rel, pats):
    for p in pats:
        if p.endswith("/") and (rel + "/").startswith(p):
            return True
        if fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(os.path.basename(rel), p):
            return True
    return False


def package_files(pkg_dir):
    files = []
    root = os.path.realpath(pkg_dir)
    pats = ignore_patterns(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            if name.endswith(SKIP_SUFFIXES):
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            if _ignored(rel, pats):
                continue
            if os.path.islink(full):
                raise PackageError(f"{rel} is a symbolic link; the platform refuses links in packages")
            if not os.path.isfile(full):
                raise PackageError(f"{rel} is not a regular file")
            files.append((rel, full))
    if not any(rel == "seer.toml" for rel, _ in files):
        raise PackageError(f"{pkg_dir}: no seer.toml at the top of the package")
    return files


def build_tgz(pkg_dir):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for rel, full in package_files(pkg_dir):
                info = tarfile.TarInfo(rel)
                info.size = os.path.getsize(full)
                info.mode = 0o644
                info.mtime = 0
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with open(full, "rb") as fh:
                    tar.addfile(info, fh)
    return buf.getvalue()
