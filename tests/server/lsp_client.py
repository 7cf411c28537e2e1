"""A small LSP client over a subprocess's stdin/stdout (JSON-RPC with Content-Length framing).

Used by the end-to-end tests and by bench/lsp_bench.py. It answers the server's own requests
(`client/registerCapability`, `workspace/configuration`) so the server never waits on us.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable


class LspClient:
    def __init__(self, cwd: Path | None = None, configuration: Any = None, stderr: Any = subprocess.DEVNULL):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "scriptlint", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=cwd,
        )
        self.configuration = configuration
        self.next_id = 0
        self.responses: dict[int, Any] = {}
        self.notifications: queue.Queue = queue.Queue()
        self.requests_seen: list[dict] = []
        self.closed = False
        self.lock = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # --- wire ----------------------------------------------------------------------------------
    def _send(self, payload: dict) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.notifications.put(None)
                    with self.lock:
                        self.closed = True
                        self.lock.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            self._dispatch(message)

    def _dispatch(self, message: dict) -> None:
        if "id" in message and "method" in message:  # a request from the server
            self.requests_seen.append(message)
            result: Any = None
            if message["method"] == "workspace/configuration":
                result = [self.configuration for _ in message["params"]["items"]]
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
        elif "id" in message:
            with self.lock:
                self.responses[message["id"]] = message
                self.lock.notify_all()
        else:
            self.notifications.put(message)

    # --- API -----------------------------------------------------------------------------------
    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self.next_id += 1
        request_id = self.next_id
        self._send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        with self.lock:
            if not self.lock.wait_for(lambda: request_id in self.responses or self.closed, timeout):
                raise TimeoutError(f"no answer to {method} within {timeout}s")
            if request_id not in self.responses:
                raise EOFError(f"the server closed its output before answering {method}")
            message = self.responses.pop(request_id)
        if "error" in message:
            raise RuntimeError(f"{method}: {message['error']}")
        return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, predicate: Callable[[dict], bool], timeout: float = 60) -> dict:
        """The next notification for which predicate holds (others are dropped)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("notification not received in time")
            try:
                message = self.notifications.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise EOFError("the server closed its output")
            if predicate(message):
                return message

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60) -> list[dict]:
        message = self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and (version is None or m["params"].get("version") == version)
            ),
            timeout,
        )
        return message["params"]["diagnostics"]

    def initialize(self, root: Path | None = None, options: Any = None, capabilities: dict | None = None) -> dict:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri() if root else None,
                "capabilities": capabilities or {},
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language_id: str = "plaintext", version: int = 1) -> None:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}},
        )

    def change(self, uri: str, version: int, text: str) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def shutdown(self, timeout: float = 30) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.stdin.close()
        return self.proc.wait(timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
