#!/usr/bin/env python3
# platform-latency.py — GET latency at a constant request rate (open loop)
#
# Copyright 2026 The Textdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sends requests at a fixed rate whatever the answers do (wrk2-style), over
# a pool of keep-alive HTTP/1.1 connections, and measures each latency from
# the moment the request was due, so that a stall counts in full instead of
# delaying the next requests (no coordinated omission). Loopback only;
# bounded by --duration. Requests use the given tokens in turn, as the
# requests of many signed-in users would.

import argparse
import asyncio
import json
import sys
import time
import urllib.parse


class Connection:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def get(self, path, headers):
        if self.writer is None:
            await self.open()
        lines = ["GET %s HTTP/1.1" % path, "Host: %s:%d" % (self.host, self.port)]
        lines += ["%s: %s" % kv for kv in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ")[1])
        fields = {}
        for line in header_lines:
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip().lower()] = v.strip()
        if "content-length" in fields:
            body = await self.reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = b""
        if fields.get("connection", "").lower() == "close":
            self.writer.close()
            self.writer = None
        return status, body


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


async def run(args):
    url = urllib.parse.urlsplit(args.base)
    host, port = url.hostname, url.port
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loopback only")
    paths = args.path
    with open(args.tokens, encoding="utf-8") as f:
        tokens = [line.strip() for line in f if line.strip()]
    if not tokens:
        sys.exit("no tokens in %s" % args.tokens)
    headers_for = [{"Authorization": "Bearer " + t, "Accept": "application/json"} for t in tokens]
    connections = [Connection(host, port) for _ in range(args.connections)]
    for c in connections:
        await c.open()

    # Warm up: one pass over every path on every connection.
    for i, c in enumerate(connections):
        for path in paths:
            await c.get(path, headers_for[i % len(headers_for)])

    total = int(args.rate * args.duration)
    interval = 1.0 / args.rate
    queue = asyncio.Queue()
    latencies = []
    statuses = {}
    sizes = []

    async def worker(conn):
        while True:
            item = await queue.get()
            if item is None:
                return
            due, path, headers = item
            try:
                status, body = await conn.get(path, headers)
            except (OSError, asyncio.IncompleteReadError) as e:
                status, body = "error: %s" % e.__class__.__name__, b""
                conn.writer = None
            latencies.append(time.perf_counter() - due)
            statuses[status] = statuses.get(status, 0) + 1
            sizes.append(len(body))

    workers = [asyncio.create_task(worker(c)) for c in connections]
    start = time.perf_counter() + 0.05
    for i in range(total):
        due = start + i * interval
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((due, paths[i % len(paths)], headers_for[i % len(headers_for)]))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    elapsed = time.perf_counter() - start

    values = sorted(x * 1000.0 for x in latencies)
    result = {
        "requests": len(values),
        "seconds": round(elapsed, 3),
        "achieved_rps": round(len(values) / elapsed, 1),
        "target_rps": args.rate,
        "statuses": {str(k): v for k, v in statuses.items()},
        "mean_body_bytes": round(sum(sizes) / max(1, len(sizes))),
        "p50_ms": round(percentile(values, 50), 2),
        "p90_ms": round(percentile(values, 90), 2),
        "p99_ms": round(percentile(values, 99), 2),
        "p999_ms": round(percentile(values, 99.9), 2),
        "max_ms": round(values[-1], 2) if values else None,
    }
    print(json.dumps(result))


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--base", required=True)
    p.add_argument("--tokens", required=True,
                   help="file of API tokens, one a line, used in turn: the load of many users "
                        "(the platform limits the rate per token)")
    p.add_argument("--path", action="append", required=True,
                   help="a path to GET (given several times: used in turn)")
    p.add_argument("--rate", type=float, default=500.0)
    p.add_argument("--duration", type=float, default=20.0)
    p.add_argument("--connections", type=int, default=16)
    args = p.parse_args()
    if args.duration > 300 or args.rate > 5000:
        sys.exit("bounded: at most 300 s and 5000 requests/s")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
