"""Seer model runtime (runs inside the sandbox and under `seer run`)."""
