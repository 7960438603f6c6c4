"""Fork template: a pre-imported interpreter, itself inside a bwrap jail, that forks a fresh
nested jail for every run (``python3 -m seer.runtime.template``).

Control channel (fd 0 / fd 1, same frame format as runs):
  host -> template: spawn {id, tmp_mb}, go {id}, kill {id}
  template -> host: ready, forked {id, pid}, exited {id, status}, spawn_failed {id, message}

Per run the host creates FIFOs /chan/<id>/{in,out,err} (root-owned directories, bound
read-only: the template cannot create, swap or remove them) and the template forks a *monitor*. The monitor
waits for `go` (the host first moves it into the run's cgroup), opens its FIFOs, closes every
other descriptor, unshares user+mount+pid+ipc+uts+net+cgroup namespaces, maps its uid, mounts
a fresh size-capped tmpfs on /tmp and an empty read-only tmpfs over /chan (other runs' FIFOs)
and forks the *run process* (PID 1 of the new pid namespace). The run process mounts its own
/proc (or hides /proc), applies rlimits, drops every capability, sets no_new_privs, loads the
stage-1 seccomp filter, then receives the `run` frame - with the package as bytes, unpacked
into its private /tmp - directly from the host. The template never sees packages or data.
"""

import ctypes
import os
import re
import resource
import stat
import signal
import sys
import threading
import time

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REC, MS_PRIVATE = 0x4000, 1 << 18
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 24, 38
SYS_CAPSET = 126  # x86_64

libc = ctypes.CDLL(None, use_errno=True)
ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _check(rc, what):
    if rc != 0:
        e = ctypes.get_errno()
        raise OSError(e, f"{what}: {os.strerror(e)}")


def _mount(src, target, fstype, flags, data=None):
    _check(libc.mount(src.encode() if src else None, target.encode(),
                      fstype.encode() if fstype else None, ctypes.c_ulong(flags),
                      data.encode() if data else None), f"mount {target}")


def _write(path, text):
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _drop_caps():
    for cap in range(64):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            break

    class Hdr(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    hdr = Hdr(0x20080522, 0)
    data = (Data * 2)()
    _check(libc.syscall(SYS_CAPSET, ctypes.byref(hdr), ctypes.byref(data)), "capset")


def run_process(out_fd, msg):
    from . import harness, seccomp_profile
    from .protocol import FrameIO

    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except OSError:
        # Kernel refuses a new procfs under bwrap's partially covered /proc: hide it instead.
        _mount("tmpfs", "/proc", "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555")
    else:
        # The kernel's own lock behind seccomp (what bwrap --disable-userns does on the cold
        # path): no user namespace - hence no other namespace - can be created from this run's
        # user namespace or below it. Needs CAP_SYS_RESOURCE here, i.e. before the caps go.
        _write("/proc/sys/user/max_user_namespaces", "0\n")
    lim = msg.get("limits") or {}
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    harness.apply_rlimits(lim)
    _drop_caps()
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    seccomp_profile.load("stage1")
    os.chdir("/tmp")
    harness.serve(FrameIO(0, out_fd), stage2=lambda: seccomp_profile.load("stage2"))
    sys.stdout.flush()
    os._exit(0)


def _open_fifo(path, flags):
    fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NOCTTY | os.O_CLOEXEC)
    if not stat.S_ISFIFO(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{path} is not a FIFO")
    return fd


def monitor(msg, go_r):
    """Runs in the forked child; never returns."""
    try:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.read(go_r, 1) != b"g":
            os._exit(97)
        d = f"/chan/{msg['id']}"
        in_fd = _open_fifo(f"{d}/in", os.O_RDONLY)
        out_fd = _open_fifo(f"{d}/out", os.O_WRONLY)
        err_fd = _open_fifo(f"{d}/err", os.O_WRONLY)
        os.dup2(in_fd, 0)
        os.dup2(err_fd, 1)
        os.dup2(err_fd, 2)
        os.dup2(out_fd, 3)
        os.closerange(4, 65536)
        uid, gid = os.getuid(), os.getgid()
        _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS
                            | CLONE_NEWNET | CLONE_NEWCGROUP), "unshare")
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1\n")
        _write("/proc/self/gid_map", f"{gid} {gid} 1\n")
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
        tmp_mb = int(msg.get("tmp_mb", 64))
        _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV,
               f"size={tmp_mb}m,mode=0700,uid={uid},gid={gid}")
        _mount("tmpfs", "/chan", "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0500")
        pid = os.fork()
        if pid == 0:
            run_process(3, msg)
        for fd in (0, 3):
            os.close(fd)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        os._exit(128 - code if code < 0 else code)
    except BaseException as e:  # noqa: BLE001
        try:
            os.write(2, f"seer template: run setup failed: {e}\n".encode())
        finally:
            os._exit(98)


def main():
    ctl_out = os.dup(1)
    os.dup2(2, 1)
    import importlib

    import numpy  # noqa: F401  (shared, pre-imported)
    import pandas  # noqa: F401

    # Extra modules to share (host setting, e.g. "sklearn.linear_model,scipy.stats").
    for name in filter(None, os.environ.get("SEER_PREIMPORT", "").split(",")):
        try:
            importlib.import_module(name.strip())
        except Exception as e:  # noqa: BLE001
            os.write(2, f"seer template: cannot pre-import {name}: {e}\n".encode())

    from . import harness, seccomp_profile  # noqa: F401
    from .protocol import FrameIO

    fio = FrameIO(0, ctl_out)
    lock = threading.Lock()
    monitors = {}  # pid -> id
    go_pipes = {}  # id -> write end

    def send(m):
        with lock:
            fio.send(m)

    def reaper():
        while True:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                time.sleep(0.01)
                continue
            rid = monitors.pop(pid, None)
            if rid is not None:
                code = os.waitstatus_to_exitcode(status)
                send({"type": "exited", "id": rid, "status": 128 - code if code < 0 else code})

    threading.Thread(target=reaper, daemon=True).start()
    send({"type": "ready", "pid": os.getpid()})
    while True:
        try:
            msg = fio.recv()
        except Exception:  # noqa: BLE001 - host went away
            os._exit(0)
        kind, rid = msg.get("type"), str(msg.get("id", ""))
        if not ID_RE.match(rid):
            continue
        if kind == "spawn":
            try:
                go_r, go_w = os.pipe()
                with lock:  # no frame half-written by another thread while forking
                    pid = os.fork()
                if pid == 0:
                    os.close(go_w)
                    monitor(msg, go_r)
                os.close(go_r)
                monitors[pid] = rid
                go_pipes[rid] = go_w
                send({"type": "forked", "id": rid, "pid": pid})
            except Exception as e:  # noqa: BLE001
                send({"type": "spawn_failed", "id": rid, "message": str(e)})
        elif kind == "go":
            w = go_pipes.pop(rid, None)
            if w is not None:
                os.write(w, b"g")
                os.close(w)
        elif kind == "kill":
            w = go_pipes.pop(rid, None)
            if w is not None:
                os.close(w)
            for pid, r in list(monitors.items()):
                if r == rid:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass


if __name__ == "__main__":
    main()
