"""SASL authentication in front of the embedded broker, for end-to-end tests of PRECWATCH_SASL_*.

The embedded broker can require SCRAM (``--authentication``), but its users are created through the
Kafka protocol, which it then refuses before authentication, and its memory storage is lost on a
restart: no user can ever exist. So this gateway does what the broker would: it answers
SaslHandshake and SaslAuthenticate (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 as in RFC 5802/7677, the
exchange Apache Kafka runs), refuses a wrong password with SASL_AUTHENTICATION_FAILED, closes a
connection that sends anything else before authenticating, and after a successful exchange passes
the connection through to the real broker untouched. With an SSL context it is SASL_SSL.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
import ssl
import struct

from tests.agents.fronts import Front, pipe_both_ways

_SIZE = struct.Struct(">i")
_HEADER = struct.Struct(">hhi")  # api key, api version, correlation id
API_VERSIONS, SASL_HANDSHAKE, SASL_AUTHENTICATE = 18, 17, 36
UNSUPPORTED_SASL_MECHANISM, ILLEGAL_SASL_STATE, SASL_AUTHENTICATION_FAILED = 33, 34, 58
_HASHES = {"SCRAM-SHA-256": hashlib.sha256, "SCRAM-SHA-512": hashlib.sha512}
MECHANISMS = ("PLAIN", *_HASHES)


class SaslGateway(Front):
    def __init__(
        self, listen_port: int, target_port: int, users: dict[str, str], context: ssl.SSLContext | None = None
    ) -> None:
        super().__init__(listen_port, target_port, context)
        self.users = users
        self.authenticated: list[tuple[str, str]] = []  # (user, mechanism) per connection let through
        self.refused: list[tuple[str, str]] = []  # (user, mechanism) per failed authentication
        self.unauthenticated_requests = 0  # requests other than ApiVersions/SASL before authenticating

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        broker_reader, broker_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        try:
            authenticated = await self._authenticate(client_reader, client_writer, broker_reader, broker_writer)
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            authenticated = False
        if authenticated:
            await pipe_both_ways((client_reader, client_writer), (broker_reader, broker_writer))
        else:
            client_writer.close()
            broker_writer.close()

    async def _authenticate(self, reader, writer, broker_reader, broker_writer) -> bool:
        """Run the client's SASL exchange; True once it authenticated (then the connection is piped)."""
        mechanism: str | None = None
        scram: _ScramExchange | None = None
        while True:
            frame = await _read_frame(reader)
            api_key, version, correlation = _HEADER.unpack_from(frame)
            if api_key == API_VERSIONS:  # the broker's own answer: it lists the SASL versions
                broker_writer.write(_SIZE.pack(len(frame)) + frame)
                answer = await _read_frame(broker_reader)
                writer.write(_SIZE.pack(len(answer)) + answer)
                continue
            if api_key == SASL_HANDSHAKE and mechanism is None:
                wanted = _string(frame, _body_start(frame, flexible=False))
                error = 0 if wanted in MECHANISMS else UNSUPPORTED_SASL_MECHANISM
                body = struct.pack(">hi", error, len(MECHANISMS)) + b"".join(_str16(m) for m in MECHANISMS)
                writer.write(_response(correlation, body, flexible=False))
                if error:
                    writer.close()
                    return False
                mechanism = wanted
                continue
            if api_key == SASL_AUTHENTICATE and mechanism is not None:
                flexible = version >= 2
                token = _auth_bytes(frame, _body_start(frame, flexible), flexible)
                if mechanism == "PLAIN":
                    _, user, password = token.decode().split("\0")
                    ok, reply, done = self.users.get(user) == password and user != "", b"", True
                else:
                    scram = scram or _ScramExchange(mechanism, self.users)
                    ok, reply, done = scram.step(token)
                    user = scram.user
                if not ok:
                    self.refused.append((user, mechanism))
                    message = f"Authentication failed: invalid credentials with SASL mechanism {mechanism}"
                    writer.write(_authenticate_response(correlation, SASL_AUTHENTICATION_FAILED, message, b"", version))
                    await writer.drain()
                    writer.close()
                    return False
                writer.write(_authenticate_response(correlation, 0, None, reply, version))
                await writer.drain()
                if done:
                    self.authenticated.append((user, mechanism))
                    return True
                continue
            # Anything else before authenticating: a broker requiring SASL drops the connection.
            self.unauthenticated_requests += 1
            writer.close()
            return False


class _ScramExchange:
    """The server side of SCRAM (RFC 5802): client-first -> server-first, client-final -> server-final."""

    def __init__(self, mechanism: str, users: dict[str, str], iterations: int = 4096) -> None:
        self.hash = _HASHES[mechanism]
        self.users, self.iterations = users, iterations
        self.user = ""
        self.salt = os.urandom(16)
        self.nonce = ""
        self.auth_message = ""

    def _hmac(self, key: bytes, message: bytes) -> bytes:
        return hmac.new(key, message, self.hash).digest()

    def step(self, token: bytes) -> tuple[bool, bytes, bool]:
        """(accepted, reply, finished)."""
        message = token.decode()
        if not self.nonce:  # client-first: "n,,n=<user>,r=<client nonce>"
            bare = message.split(",", 2)[2]
            fields = dict(part.split("=", 1) for part in bare.split(","))
            self.user = fields["n"].replace("=2C", ",").replace("=3D", "=")
            self.nonce = fields["r"] + base64.b64encode(os.urandom(18)).decode()
            server_first = f"r={self.nonce},s={base64.b64encode(self.salt).decode()},i={self.iterations}"
            self.auth_message = f"{bare},{server_first}"
            return True, server_first.encode(), False
        # client-final: "c=biws,r=<nonce>,p=<proof>"
        without_proof, _, proof = message.rpartition(",p=")
        fields = dict(part.split("=", 1) for part in without_proof.split(","))
        password = self.users.get(self.user)
        if password is None or fields.get("r") != self.nonce:
            return False, b"", True
        auth_message = f"{self.auth_message},{without_proof}".encode()
        salted = hashlib.pbkdf2_hmac(self.hash().name, password.encode(), self.salt, self.iterations)
        client_key = self._hmac(salted, b"Client Key")
        stored_key = self.hash(client_key).digest()
        signature = self._hmac(stored_key, auth_message)
        claimed_key = bytes(a ^ b for a, b in zip(base64.b64decode(proof), signature, strict=False))
        if not hmac.compare_digest(self.hash(claimed_key).digest(), stored_key):
            return False, b"", True
        server_signature = self._hmac(self._hmac(salted, b"Server Key"), auth_message)
        return True, b"v=" + base64.b64encode(server_signature), True


# -- Kafka wire format (the few types these two requests use) ------------------------------------------
async def _read_frame(reader: asyncio.StreamReader) -> bytes:
    (size,) = _SIZE.unpack(await reader.readexactly(4))
    return await reader.readexactly(size)


def _uvarint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def _put_uvarint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _skip_tags(data: bytes, pos: int) -> int:
    count, pos = _uvarint(data, pos)
    for _ in range(count):
        _, pos = _uvarint(data, pos)
        size, pos = _uvarint(data, pos)
        pos += size
    return pos


def _body_start(frame: bytes, flexible: bool) -> int:
    (client_id_len,) = struct.unpack_from(">h", frame, _HEADER.size)
    pos = _HEADER.size + 2 + max(client_id_len, 0)
    return _skip_tags(frame, pos) if flexible else pos


def _string(frame: bytes, pos: int) -> str:
    (size,) = struct.unpack_from(">h", frame, pos)
    return frame[pos + 2 : pos + 2 + size].decode()


def _auth_bytes(frame: bytes, pos: int, flexible: bool) -> bytes:
    if flexible:
        size, pos = _uvarint(frame, pos)
        return frame[pos : pos + size - 1]
    (size,) = struct.unpack_from(">i", frame, pos)
    return frame[pos + 4 : pos + 4 + size]


def _str16(value: str) -> bytes:
    encoded = value.encode()
    return struct.pack(">h", len(encoded)) + encoded


def _response(correlation: int, body: bytes, flexible: bool) -> bytes:
    header = struct.pack(">i", correlation) + (b"\0" if flexible else b"")
    return _SIZE.pack(len(header) + len(body)) + header + body


def _authenticate_response(correlation: int, error: int, message: str | None, auth: bytes, version: int) -> bytes:
    flexible = version >= 2
    if flexible:
        text = b"\0" if message is None else _put_uvarint(len(message.encode()) + 1) + message.encode()
        body = struct.pack(">h", error) + text + _put_uvarint(len(auth) + 1) + auth
    else:
        text = struct.pack(">h", -1) if message is None else _str16(message)
        body = struct.pack(">h", error) + text + struct.pack(">i", len(auth)) + auth
    if version >= 1:
        body += struct.pack(">q", 0)  # session lifetime: none
    if flexible:
        body += b"\0"  # no tagged fields
    return _response(correlation, body, flexible)
