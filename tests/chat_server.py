"""Group chats for the tests: a real HTTP server on 127.0.0.1 (http.server in a thread) that records every POST
it receives and answers as a robot does ({"errcode": 0}), or fails — HTTP 500, or no answer within a timeout."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Chat:
    def __init__(self, status: int = 200, delay_s: float = 0.0):
        self.status, self.delay_s = status, delay_s
        self.received: list[dict] = []  # {"path", "query", "body", "at"}
        self.url = ""


@contextlib.contextmanager
def chat_server(status: int = 200, delay_s: float = 0.0):
    """A Chat whose url takes POSTs until the block ends."""
    chat = Chat(status, delay_s)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            parts = urlsplit(self.path)
            chat.received.append({"path": parts.path, "query": parse_qs(parts.query), "at": time.monotonic(),
                                  "body": json.loads(data.decode("utf-8")), "type": self.headers.get("Content-Type")})
            if chat.delay_s:
                time.sleep(chat.delay_s)
            answer = b'{"errcode":0,"errmsg":"ok"}' if chat.status == 200 else b'{"errcode":-1,"errmsg":"busy"}'
            try:
                self.send_response(chat.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except OSError:
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    chat.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield chat
    finally:
        server.shutdown()
        server.server_close()
