"""Servers in front of the embedded broker, for end-to-end tests of what it cannot do itself.

The broker is real and speaks Kafka; a front only terminates TLS (TlsTerminator, as a load balancer
doing TLS offload would) or also runs the SASL login (sasl_gateway.SaslGateway), then passes the
connection through untouched. Its own TLS listener does not work in this build, and it cannot hold
SASL users (see sasl_gateway.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import trustme

from devtools.local import free_port, start_broker
from pipeline.settings import Settings
from streaming.kafka import client_config


class Front:
    """A TLS server on its own thread and event loop; subclasses handle each connection."""

    def __init__(self, listen_port: int, target_port: int, context: ssl.SSLContext | None) -> None:
        self.listen_port, self.target_port, self.context = listen_port, target_port, context
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Front:
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", self.listen_port, ssl=self.context)
        )
        self._ready.set()
        self._loop.run_forever()
        server.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError


async def pipe_both_ways(
    client: tuple[asyncio.StreamReader, asyncio.StreamWriter], broker: tuple[asyncio.StreamReader, asyncio.StreamWriter]
) -> None:
    """Copy bytes both ways until either side closes."""

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, ssl.SSLError):
            while data := await reader.read(1 << 16):
                writer.write(data)
                await writer.drain()
        with contextlib.suppress(Exception):
            writer.close()

    await asyncio.gather(pipe(client[0], broker[1]), pipe(broker[0], client[1]))


class TlsTerminator(Front):
    def __init__(self, listen_port: int, target_port: int, context: ssl.SSLContext) -> None:
        super().__init__(listen_port, target_port, context)
        self.connections = 0

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        await pipe_both_ways((reader, writer), await asyncio.open_connection("127.0.0.1", self.target_port))


@contextlib.contextmanager
def broker_behind(
    make_front: Callable[[int, int, ssl.SSLContext], Front], tmp_path: Path
) -> Iterator[tuple[Front, int, Path]]:
    """The embedded broker advertising a front's port, and the front (TLS with a certificate from a
    throw-away CA): yields (front, its port, the CA file clients must trust)."""
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    plain_port, front_port = free_port(), free_port()
    broker = start_broker(plain_port, log_path=tmp_path / "broker.log", advertised_port=front_port)
    front = make_front(front_port, plain_port, context).start()
    try:
        yield front, front_port, ca_file
    finally:
        front.stop()
        broker.terminate()
        broker.wait(10)


async def start_aiokafka_producer(settings: Settings) -> None:
    """Connect an aiokafka producer (the worker's client) and close it: raises if it cannot."""
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(**client_config(settings))
    try:
        await producer.start()
    finally:
        await producer.stop()
