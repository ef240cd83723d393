"""Network faults of our own: a server that never answers, a proxy we can freeze or close."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
from types import TracebackType
from typing import Self


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SilentServer:
    """Listens on 127.0.0.1 and accepts connections (the kernel completes the handshake),
    then never sends a byte: a PostgreSQL or Redis that has hung."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = int(self._listener.getsockname()[1])
        self._accepted: list[socket.socket] = []
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _value: object, _tb: TracebackType | None
    ) -> None:
        self._stopped.set()
        self._listener.close()
        self._thread.join(timeout=2)
        for connection in self._accepted:
            connection.close()

    def _accept(self) -> None:
        self._listener.settimeout(0.1)
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._accepted.append(connection)  # kept open, read from never


class TCPProxy:
    """Forwards 127.0.0.1:<port> to a real server, until told otherwise.

    ``freeze()``: every connection, open or new, stays up but nothing more is forwarded
    (the kernel still acknowledges what the client sends): a server that stops answering.
    ``close()``: the port refuses connections and open ones are dropped; ``reopen()``
    listens on the same port again: a server restarted.
    """

    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = free_port()
        self.forwarded_bytes = 0
        self._frozen = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._stopped = threading.Event()
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> Self:
        self.reopen()
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _value: object, _tb: TracebackType | None
    ) -> None:
        self.close()

    def freeze(self) -> None:
        self._frozen.set()

    def close(self) -> None:
        self._stopped.set()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()
        for thread in self._threads:
            thread.join(timeout=2)
        self._threads.clear()

    def reopen(self) -> None:
        self._stopped.clear()
        self._frozen.clear()
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self._listener = listener
        self._start(self._accept, listener)

    def _start(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._sockets.append(client)
            if self._frozen.is_set():
                continue  # accepted, and left without an answer
            upstream = socket.create_connection(self.upstream, timeout=5)
            with self._lock:
                self._sockets.append(upstream)
            self._start(self._pump, client, upstream)

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        try:
            self._forward({client: upstream, upstream: client})
        finally:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def _forward(self, peers: dict[socket.socket, socket.socket]) -> None:
        while not self._stopped.is_set():
            if self._frozen.is_set():
                time.sleep(0.05)
                continue
            try:
                readable, _, _ = select.select(list(peers), [], [], 0.05)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
                    self.forwarded_bytes += len(data)
            except (OSError, ValueError):
                return
