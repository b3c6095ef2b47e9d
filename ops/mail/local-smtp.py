#!/usr/bin/python3
"""The demo's mail server: a real SMTP server (aiosmtpd, from Debian's
python3-aiosmtpd) on loopback that keeps every message it receives as an
.eml file, plus a read-only HTTP view of them, so that pages sent by email
through Backstage's notifications email module can be read back locally
and by the end-to-end test. Not for production: it relays nothing.

Usage: local-smtp.py --smtp 127.0.0.1:1025 --http 127.0.0.1:8025 --dir .data/mail
"""
import argparse
import email
import email.policy
import json
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

MAX_LISTED = 200


class Keep:
    """Stores each message as <epoch ms>-<n>.eml in the directory."""

    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = f"{int(time.time() * 1000)}-{self.count}.eml"
        with open(os.path.join(self.directory, name), "wb") as out:
            out.write(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


def read_messages(directory):
    names = sorted(n for n in os.listdir(directory) if n.endswith(".eml"))
    messages = []
    for name in names[-MAX_LISTED:]:
        with open(os.path.join(directory, name), "rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain", "html"))
        messages.append(
            {
                "id": name[:-4],
                "from": str(message.get("From", "")),
                "to": str(message.get("To", "")),
                "subject": str(message.get("Subject", "")),
                "date": str(message.get("Date", "")),
                "text": body.get_content()[:20000] if body else "",
            }
        )
    return messages


def http_handler(directory):
    class View(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/healthz":
                self.answer(200, {"status": "ok"})
            elif self.path == "/messages":
                self.answer(200, {"items": read_messages(directory)})
            else:
                self.answer(404, {"error": "GET /messages or /healthz"})

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return View


def address(value):
    host, port = value.rsplit(":", 1)
    return host, int(port)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smtp", type=address, default=("127.0.0.1", 1025))
    parser.add_argument("--http", type=address, default=("127.0.0.1", 8025))
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(
        Keep(args.dir), hostname=args.smtp[0], port=args.smtp[1]
    )
    controller.start()
    print(f"SMTP on {args.smtp[0]}:{args.smtp[1]}, messages in {args.dir}", flush=True)
    try:
        ThreadingHTTPServer(args.http, http_handler(args.dir)).serve_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
