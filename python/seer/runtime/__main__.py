"""Entry point inside a cold (or warm-pool) jail: ``python3 -I -B -m seer.runtime``.

fd 0 carries host->runtime frames; fd 1 is moved to a private descriptor for
runtime->host frames and fd 1 itself is pointed at stderr, so anything the model or
a C library writes to stdout cannot corrupt the frame stream.
"""

import os
import sys


def main():
    out_fd = os.dup(1)
    os.dup2(2, 1)
    os.set_inheritable(out_fd, False)
    # Pre-import the libraries models use (the cost we want to share or pre-pay).
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    from . import harness, seccomp_profile
    from .protocol import FrameIO

    harness.serve(FrameIO(0, out_fd), stage2=lambda: seccomp_profile.load("stage2"))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
