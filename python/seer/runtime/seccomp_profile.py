"""Seccomp filters for the sandbox (python3-seccomp / libseccomp).

stage1   -- applied to every run before any model code (bwrap --seccomp on the cold and pool
            paths, loaded by the run process itself on the fork path). An ALLOW LIST: the system
            calls CPython with numpy, pandas, scipy, scikit-learn and statsmodels was measured
            to make (packages/sandbox/seccomp/measured.json, produced by trace.sh from the
            example models, the test fixtures and the abuse suite) plus a short, listed margin
            of harmless calls of the same families. Anything else fails with ENOSYS, the answer
            libraries treat as "not supported here" and fall back from. On top of that:
            kills the process on the calls an attacker wants (ptrace, namespaces, mount, bpf,
            perf_event_open, userfaultfd, io_uring, keyrings, modify_ldt, ...) so an attempt
            is loud; refuses every socket that is not AF_UNIX and NUMA-policy calls with EPERM;
            clone3 returns ENOSYS (its flags are in memory where seccomp cannot look; glibc
            falls back to clone, whose namespace flags are killed); kills foreign ABIs (x32
            numbers, i386 `int 0x80`).
template -- the fork template's jail: the stage-1 list plus what the template and each run's
            monitor need to build the nested jail (unshare with exactly the monitor's flags,
            mount, umount2, capset, uid/gid maps). Each run then loads stage1 itself.
stage2   -- loaded by the runtime after its own imports, before importing model code: kills on
            execve/execveat/fork/vfork and clone() without CLONE_THREAD (threads keep working).

``python3 seccomp_profile.py stage1 OUT`` exports the BPF program for bwrap --seccomp;
``python3 seccomp_profile.py lists`` prints the lists as JSON (used by the tests).
"""

import errno
import json
import sys

import seccomp
from seccomp import ALLOW, ERRNO, KILL_PROCESS, MASKED_EQ, EQ, NE, Arg, SyscallFilter

AF_UNIX = 1
CLONE_THREAD = 0x00010000
CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
CLONE_NEWTIME = 0x00000080
NS_FLAGS = (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER
            | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME)
# What python/seer/runtime/template.py's monitor unshares, and nothing else.
MONITOR_UNSHARE = (CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS
                   | CLONE_NEWNET | CLONE_NEWCGROUP)

# Measured: every call the benign workloads made under stage 1 on this platform (Debian 12,
# python3 3.11, numpy 1.24, pandas 1.5, scipy 1.10, scikit-learn 1.2, statsmodels 0.13), see
# packages/sandbox/seccomp/measured.json ("benign" -> "stage1"). clone, socket and mbind are
# handled by the rules below; clone3 is refused on purpose.
MEASURED = [
    "access", "arch_prctl", "brk", "chdir", "clock_nanosleep", "clone", "close", "close_range",
    "dup2", "epoll_create1", "execve", "exit", "exit_group", "fcntl", "futex", "getcwd",
    "getdents64", "getpid", "getrandom", "getrusage", "gettid", "ioctl", "lseek", "madvise",
    "mkdir", "mmap", "mprotect", "munmap", "newfstatat", "openat", "pipe2", "prctl", "pread64",
    "prlimit64", "read", "readlink", "rmdir", "rseq", "rt_sigaction", "rt_sigprocmask",
    "sched_getaffinity", "seccomp", "set_robust_list", "set_tid_address", "sysinfo", "uname",
    "unlink", "unlinkat", "vfork", "wait4", "write",
]

# Margin: calls of the same families that CPython's standard library, glibc or these libraries
# make on paths the workloads did not take (other file operations in /tmp, timers, polling,
# AF_UNIX socket pairs, thread signalling). None of them reaches beyond the jail's own files,
# processes and namespaces.
MARGIN = [
    # files and descriptors (the jail's only writable place is its own /tmp)
    "open", "creat", "stat", "lstat", "fstat", "statx", "statfs", "fstatfs", "readlinkat",
    "faccessat", "faccessat2", "getdents", "readv", "writev", "pwrite64", "preadv", "pwritev",
    "preadv2", "pwritev2", "sendfile", "copy_file_range", "dup", "dup3", "pipe", "fchdir",
    "rename", "renameat", "renameat2", "mkdirat", "link", "linkat", "symlink", "symlinkat",
    "chmod", "fchmod", "fchmodat", "utimensat", "utimes", "futimesat", "truncate", "ftruncate",
    "fsync", "fdatasync", "sync_file_range", "fallocate", "fadvise64", "flock", "umask",
    "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr",
    # memory
    "mremap", "msync", "mincore",
    # time
    "clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep", "times", "alarm",
    "getitimer", "setitimer", "timer_create", "timer_settime", "timer_gettime",
    "timer_getoverrun", "timer_delete", "timerfd_create", "timerfd_settime", "timerfd_gettime",
    # scheduling and identity (read-only)
    "sched_yield", "sched_getparam", "sched_getscheduler", "sched_get_priority_max",
    "sched_get_priority_min", "getcpu", "getpriority", "getppid", "getuid", "geteuid", "getgid",
    "getegid", "getresuid", "getresgid", "getgroups", "getpgid", "getpgrp", "getsid",
    "getrlimit", "setrlimit", "capget",
    # threads, signals, children (inside the jail's own pid namespace)
    "fork", "waitid", "kill", "tkill", "tgkill", "rt_sigreturn", "rt_sigpending",
    "rt_sigsuspend", "rt_sigtimedwait", "sigaltstack", "pause", "restart_syscall",
    "get_robust_list",
    # polling (asyncio, selectors) and AF_UNIX sockets (the socket() rule refuses other families)
    "poll", "ppoll", "select", "pselect6", "epoll_create", "epoll_ctl", "epoll_wait",
    "epoll_pwait", "epoll_pwait2", "eventfd", "eventfd2", "socketpair", "connect", "bind",
    "listen", "accept", "accept4", "sendto", "recvfrom", "sendmsg", "recvmsg", "shutdown",
    "getsockname", "getpeername", "getsockopt", "setsockopt",
]

NAMESPACE_CALLS = ["unshare", "setns", "mount", "umount2", "pivot_root", "chroot",
                   "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
                   "mount_setattr"]

# Killed (not merely refused): an attempt is an attack, and the run ends as forbidden_syscall.
KILL_CALLS = [
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "kexec_load", "kexec_file_load", "init_module", "finit_module",
    "delete_module", "create_module", "query_module", "get_kernel_syms",
    "keyctl", "add_key", "request_key", "acct", "swapon", "swapoff", "reboot",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname",
    "setdomainname", "iopl", "ioperm", "quotactl", "quotactl_fd", "name_to_handle_at",
    "open_by_handle_at", "lookup_dcookie", "syslog", "uselib", "vhangup", "nfsservctl",
    "fanotify_init", "personality", "_sysctl", "afs_syscall", "tuxcall", "security",
    "vserver", "remap_file_pages", "landlock_create_ruleset", "landlock_add_rule",
    "landlock_restrict_self", "memfd_secret", "process_madvise", "modify_ldt",
]

# Refused with EPERM: OpenBLAS probes mbind and copes with a refusal.
NUMA_CALLS = ["mbind", "set_mempolicy", "get_mempolicy", "migrate_pages", "move_pages"]

# What the template (and each run's monitor, before the run loads stage 1) needs besides.
TEMPLATE_EXTRA = ["mount", "umount2", "capset"]

RULED = {"clone", "clone3", "socket", "unshare"}  # allowed only under conditions, below


def allowed(stage: str) -> list:
    names = set(MEASURED) | set(MARGIN)
    if stage == "template":
        names |= set(TEMPLATE_EXTRA)
    names -= RULED | set(KILL_CALLS) | set(NUMA_CALLS)
    if stage == "stage1":
        names -= set(NAMESPACE_CALLS)
    return sorted(names)


def _add(f, action, name, *args):
    try:
        f.add_rule(action, name, *args)
    except (RuntimeError, ValueError, OSError):
        pass  # syscall unknown to this libseccomp/arch


def build(stage: str) -> SyscallFilter:
    if stage in ("stage1", "template"):
        f = SyscallFilter(defaction=ERRNO(errno.ENOSYS))
        f.set_attr(seccomp.Attr.ACT_BADARCH, KILL_PROCESS)  # x32 numbers, int 0x80
        try:
            f.set_attr(seccomp.Attr.CTL_OPTIMIZE, 2)  # binary tree: O(log n) checks per call
        except (AttributeError, RuntimeError, ValueError, OSError):
            pass
        for name in allowed(stage):
            _add(f, ALLOW, name)
        kill = set(KILL_CALLS) | (set(NAMESPACE_CALLS) - set(allowed(stage)))
        kill.discard("unshare")
        for name in sorted(kill):
            _add(f, KILL_PROCESS, name)
        if stage == "template":
            _add(f, ALLOW, "unshare", Arg(0, EQ, MONITOR_UNSHARE))
            _add(f, KILL_PROCESS, "unshare", Arg(0, NE, MONITOR_UNSHARE))
        else:
            _add(f, KILL_PROCESS, "unshare")
        # clone: threads and plain processes yes, new namespaces never.
        _add(f, ALLOW, "clone", Arg(0, MASKED_EQ, NS_FLAGS, 0))
        for bit in [NS_FLAGS & (1 << i) for i in range(32) if NS_FLAGS & (1 << i)]:
            _add(f, KILL_PROCESS, "clone", Arg(0, MASKED_EQ, bit, bit))
        _add(f, ERRNO(errno.ENOSYS), "clone3")
        _add(f, ALLOW, "socket", Arg(0, EQ, AF_UNIX))
        _add(f, ERRNO(errno.EPERM), "socket", Arg(0, NE, AF_UNIX))
        for name in NUMA_CALLS:
            _add(f, ERRNO(errno.EPERM), name)
    elif stage == "stage2":
        f = SyscallFilter(defaction=ALLOW)  # stacked on stage 1: only narrows it further
        f.set_attr(seccomp.Attr.ACT_BADARCH, KILL_PROCESS)
        for name in ("execve", "execveat", "fork", "vfork"):
            _add(f, KILL_PROCESS, name)
        _add(f, KILL_PROCESS, "clone", Arg(0, MASKED_EQ, CLONE_THREAD, 0))
        _add(f, ERRNO(errno.ENOSYS), "clone3")
    else:
        raise ValueError(stage)
    return f


def load(stage: str) -> None:
    build(stage).load()


if __name__ == "__main__":
    if sys.argv[1] == "lists":
        json.dump({"measured": MEASURED, "margin": MARGIN, "kill": KILL_CALLS,
                   "namespace": NAMESPACE_CALLS, "numa": NUMA_CALLS, "ruled": sorted(RULED),
                   "template_extra": TEMPLATE_EXTRA,
                   "allowed": {s: allowed(s) for s in ("stage1", "template")}}, sys.stdout)
        sys.exit(0)
    stage, out = sys.argv[1], sys.argv[2]
    with open(out, "wb") as fh:
        build(stage).export_bpf(fh)
