#!/usr/bin/env python3
"""A real SMTP server on loopback for samman's newsletter tests (aiosmtpd).

Each accepted message is written, once per recipient, to DIR as a JSON file: the recipient, the
headers, the decoded text and HTML parts, and the raw message. Files appear atomically (written under
a temporary name, then renamed), so a test may read DIR while mail arrives.

    sink.py --dir DIR [--port 0] [--mode accept|refuse|tempfail|drop|stall] [--first N]

Prints "PORT <n>" on stdout once it listens. --mode makes the first N messages (every message when N
is 0) be refused for good (554), refused for now (451), dropped (connection closed before the reply)
or stalled (no reply); later messages are accepted.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import sys
import threading
import uuid

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, directory, mode, first):
        self.directory = directory
        self.mode = mode
        self.first = first
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        if self.mode != "accept" and (self.first == 0 or n <= self.first):
            if self.mode == "refuse":
                return "554 5.7.1 Relaying denied"
            if self.mode == "tempfail":
                return "451 4.3.0 Try again later"
            if self.mode == "drop":
                server.transport.close()
                return "421 4.4.2 Closing"
            if self.mode == "stall":
                await asyncio.sleep(3600)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() == "text" and part.get_content_subtype() in ("plain", "html"):
                parts.setdefault(part.get_content_subtype(), part.get_content())
        for rcpt in envelope.rcpt_tos:
            record = {
                "rcpt": rcpt,
                "mail_from": envelope.mail_from,
                "headers": {k: str(v) for k, v in message.items()},
                "text": parts.get("plain", ""),
                "html": parts.get("html", ""),
                "raw": envelope.content.decode("utf-8", "replace"),
            }
            name = uuid.uuid4().hex
            tmp = os.path.join(self.directory, "." + name)
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(record, f)
            os.rename(tmp, os.path.join(self.directory, name + ".json"))
        return "250 2.0.0 OK"


def free_port():
    # aiosmtpd's controller connects to the port it serves to check it is up, so it needs a real one.
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--mode", default="accept", choices=["accept", "refuse", "tempfail", "drop", "stall"])
    parser.add_argument("--first", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port or free_port()
    controller = Controller(
        Handler(args.dir, args.mode, args.first), hostname="127.0.0.1", port=port, ready_timeout=10
    )
    controller.start()
    print(f"PORT {port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
