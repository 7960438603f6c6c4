"""Seccomp filters for the sandbox (python3-seccomp / libseccomp).

stage1  -- applied to every run before any model code: kills the process on ~60
           dangerous syscalls (ptrace, mount, namespaces, bpf, keyrings, kernel
           modules, ...), refuses non-AF_UNIX sockets with EPERM, kills on foreign
           ABIs (x32 / i386 int 0x80: libseccomp's bad-arch action).
template -- stage1 minus the namespace/mount calls the fork template needs to build
           a nested per-run jail (each run then loads stage1 itself).
stage2  -- loaded by the runtime after its own imports, before importing model code:
           kills on execve/execveat/fork/vfork and clone() without CLONE_THREAD
           (threads keep working).

``python3 seccomp_profile.py stage1 OUT`` exports the BPF program for bwrap --seccomp.
"""

import errno
import sys

import seccomp
from seccomp import ALLOW, ERRNO, KILL_PROCESS, MASKED_EQ, NE, Arg, SyscallFilter

AF_UNIX = 1
CLONE_THREAD = 0x00010000
NS_FLAGS = (
    0x00020000  # CLONE_NEWNS
    | 0x02000000  # CLONE_NEWCGROUP
    | 0x04000000  # CLONE_NEWUTS
    | 0x08000000  # CLONE_NEWIPC
    | 0x10000000  # CLONE_NEWUSER
    | 0x20000000  # CLONE_NEWPID
    | 0x40000000  # CLONE_NEWNET
    | 0x00000080  # CLONE_NEWTIME
)

NAMESPACE_CALLS = ["unshare", "setns", "mount", "umount2", "pivot_root", "chroot",
                   "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
                   "mount_setattr"]

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
    "landlock_restrict_self", "memfd_secret", "process_madvise",
]


def _add(f, action, name, *args):
    try:
        f.add_rule(action, name, *args)
    except (RuntimeError, ValueError, OSError):
        pass  # syscall unknown to this libseccomp/arch


def build(stage: str) -> SyscallFilter:
    f = SyscallFilter(defaction=ALLOW)
    # Foreign ABIs (i386 via int 0x80, x32 numbers) kill the whole process.
    f.set_attr(seccomp.Attr.ACT_BADARCH, KILL_PROCESS)
    if stage in ("stage1", "template"):
        kill = list(KILL_CALLS)
        if stage == "stage1":
            kill += NAMESPACE_CALLS
            # clone() creating namespaces
            for bit in [NS_FLAGS & (1 << i) for i in range(32) if NS_FLAGS & (1 << i)]:
                _add(f, KILL_PROCESS, "clone", Arg(0, MASKED_EQ, bit, bit))
        else:
            kill += ["setns", "pivot_root", "chroot", "open_tree", "move_mount", "fsopen",
                     "fsconfig", "fsmount", "fspick", "mount_setattr"]
        for name in kill:
            _add(f, KILL_PROCESS, name)
        _add(f, ERRNO(errno.EPERM), "socket", Arg(0, NE, AF_UNIX))
        # NUMA policy calls (OpenBLAS uses mbind): refuse quietly instead of killing.
        for name in ("mbind", "set_mempolicy", "get_mempolicy", "migrate_pages", "move_pages"):
            _add(f, ERRNO(errno.EPERM), name)
        _add(f, ERRNO(errno.ENOSYS), "clone3")
    elif stage == "stage2":
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
    stage, out = sys.argv[1], sys.argv[2]
    with open(out, "wb") as fh:
        build(stage).export_bpf(fh)
