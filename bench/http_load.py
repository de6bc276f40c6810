"""A small HTTP/1.1 client for load: one asyncio task per simulated browser, no dependencies.

Each request opens its own connection and sends `Connection: close`: gunicorn's sync
workers close every connection after one response anyway, and opening one costs the
same for every path measured. Times are client-side, from connecting to the last byte.
"""

import asyncio
import json
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode


@dataclass
class Response:
    status: int
    headers: list  # [(lower-case name, value)]
    body: bytes
    seconds: float

    def header(self, name):
        return [value for key, value in self.headers if key == name]

    def cookies(self):
        jar = SimpleCookie()
        for value in self.header("set-cookie"):
            jar.load(value)
        return {name: morsel.value for name, morsel in jar.items()}

    def json(self):
        return json.loads(self.body)


@dataclass
class Site:
    host: str
    port: int
    # Production runs behind a TLS proxy: the request is HTTPS as far as Django knows,
    # so secure cookies, the CSRF origin check and no redirect to https:// all apply.
    scheme_header: str = "https"
    timeout: float = 60.0
    extra_headers: dict = field(default_factory=dict)

    @property
    def origin(self):
        return f"https://{self.host}:{self.port}"

    async def request(self, method, path, cookies=None, fields=None, headers=None):
        body = urlencode(fields or {}, doseq=True).encode() if fields is not None else b""
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"X-Forwarded-Proto: {self.scheme_header}",
            "Connection: close",
        ]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if fields is not None:
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append(f"Content-Length: {len(body)}")
        for name, value in {**self.extra_headers, **(headers or {})}.items():
            lines.append(f"{name}: {value}")
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        started = time.perf_counter()
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(self.host, self.port), self.timeout
        )
        try:
            writer.write(raw)
            answer = await asyncio.wait_for(reader.read(), self.timeout)
        finally:
            writer.close()
        seconds = time.perf_counter() - started
        return _parse(answer, seconds)

    def post(self, path, cookies, fields, headers=None):
        return self.request("POST", path, cookies, fields, headers)

    def get(self, path, cookies=None, headers=None):
        return self.request("GET", path, cookies, None, headers)


def _parse(answer, seconds):
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = []
    for line in header_lines:
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    lengths = [int(value) for name, value in headers if name == "content-length"]
    if lengths:
        body = body[: lengths[0]]
    return Response(int(status_line.split()[1]), headers, body, seconds)


def percentile(values, p):
    """The p-th percentile (0-100), nearest rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]
