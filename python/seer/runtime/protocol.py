"""Frame protocol shared with the host (packages/sandbox/src/protocol/frames.ts).

A frame is a 4-byte big-endian unsigned length followed by that many bytes of one
MessagePack map with a string ``type`` key. Column data travels as packed
little-endian arrays (float64 for prices/volume, int64 epoch seconds for ts).
"""

import os

import msgpack

PROTOCOL_VERSION = 1
MAX_INBOUND_FRAME = 256 * 1024 * 1024  # host -> runtime (package bytes can be large)


class ProtocolError(Exception):
    pass


class FrameIO:
    def __init__(self, in_fd: int, out_fd: int, max_inbound: int = MAX_INBOUND_FRAME):
        self.in_fd = in_fd
        self.out_fd = out_fd
        self.max_inbound = max_inbound

    def _read_exact(self, n: int) -> bytes:
        chunks = []
        while n > 0:
            b = os.read(self.in_fd, min(n, 1 << 20))
            if not b:
                raise ProtocolError("host closed the channel")
            chunks.append(b)
            n -= len(b)
        return b"".join(chunks)

    def recv(self) -> dict:
        n = int.from_bytes(self._read_exact(4), "big")
        if n > self.max_inbound:
            raise ProtocolError(f"inbound frame too large: {n} bytes")
        msg = msgpack.unpackb(self._read_exact(n), raw=False, strict_map_key=True)
        if not isinstance(msg, dict) or not isinstance(msg.get("type"), str):
            raise ProtocolError("frame is not a map with a string 'type'")
        return msg

    def send(self, msg: dict) -> None:
        body = msgpack.packb(msg, use_bin_type=True)
        data = len(body).to_bytes(4, "big") + body
        view = memoryview(data)
        while view:
            n = os.write(self.out_fd, view)
            view = view[n:]
