"""Slow clients and bursts against a real `entente serve` (uvicorn on loopback, see conftest):
connections that send a body a byte at a time, or open and say nothing, do not stop the server
answering others; a burst of a few hundred requests is answered in full; the server stays up.
Each test is bounded in count and time (a few seconds)."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from hardening_values import TOKEN

ANSWER_WITHIN = 2.0  # seconds for an ordinary request while the slow clients hang on


def answered_quickly(server, n: int = 5) -> None:
    with server.client() as client:
        for _ in range(n):
            started = time.monotonic()
            r = client.get("/v1/status")
            assert r.status_code == 200, r.text
            assert time.monotonic() - started < ANSWER_WITHIN


def connect(server) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def test_idle_connections_do_not_block_others(server):
    idle = [connect(server) for _ in range(60)]  # open, then say nothing at all
    half = [connect(server) for _ in range(20)]  # half a request line, then nothing
    try:
        for s in half:
            s.sendall(b"GET /v1/status HTT")
        answered_quickly(server)
    finally:
        for s in idle + half:
            s.close()
    assert server.alive()
    answered_quickly(server, 1)


def test_a_body_sent_a_byte_at_a_time_does_not_block_others(server):
    body = b'{"id": "slow", "text": "Greece and France met in Athens."}'
    head = (f"POST /v1/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {TOKEN}\r\nContent-Length: {len(body) + 1000}\r\n\r\n")
    slow = [connect(server) for _ in range(8)]
    stop = threading.Event()

    def trickle(s: socket.socket) -> None:
        s.sendall(head.encode())
        for i in range(len(body)):
            if stop.wait(0.05):
                return
            try:
                s.send(body[i:i + 1])
            except OSError:
                return  # the server may hang up on a slow client: allowed

    threads = [threading.Thread(target=trickle, args=(s,), daemon=True) for s in slow]
    for t in threads:
        t.start()
    try:
        time.sleep(0.3)
        answered_quickly(server)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=5)
        for s in slow:
            s.close()
    assert server.alive()
    time.sleep(0.3)
    answered_quickly(server)  # also after they hung up mid-body
    log = b"".join(server.log).decode("utf-8", "replace")
    assert "Traceback" not in log and "ClientDisconnect" not in log, log[-3000:]


def test_a_burst_of_requests_is_answered(server):
    paths = ["/v1/status", "/v1/events?limit=5", "/v1/dyads/GRC/FRA", "/v1/no-such-thing",
             "/v1/articles/a1"]
    n = 300
    started = time.monotonic()
    limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
    with httpx.Client(base_url=server.url, timeout=20, limits=limits) as client, \
            ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(lambda i: client.get(paths[i % len(paths)]).status_code,
                                 range(n)))
    took = time.monotonic() - started
    assert len(statuses) == n and all(s < 500 for s in statuses), sorted(set(statuses))
    assert statuses.count(200) >= n * 3 // 5 - 1
    assert took < 30, f"{n} requests took {took:.1f} s"
    assert server.alive()
    answered_quickly(server, 1)


def test_a_burst_of_fresh_connections_and_resets(server):
    """Connections opened and dropped at once, some reset mid-request (RST), in a burst."""
    for i in range(200):
        s = connect(server)
        if i % 2:
            s.sendall(b"POST /v1/code HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\n{")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.close()
    assert server.alive()
    answered_quickly(server)
