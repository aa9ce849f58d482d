#!/usr/bin/env python3
"""Answers like the collector's health_check extension (GET / -> 200 on :13133) while the
Prometheus server behind it is ready, so the compose file's health check means what it means
upstream: the collector process is up and serving."""
import http.server
import sys
import urllib.request

READY_URL = "http://127.0.0.1:9090/-/ready"


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            with urllib.request.urlopen(READY_URL, timeout=2) as r:
                ready = r.status == 200
        except OSError:
            ready = False
        body = b'{"status":"Server available"}' if ready else b'{"status":"Server not available"}'
        self.send_response(200 if ready else 503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 13133
    http.server.ThreadingHTTPServer(("0.0.0.0", port), Health).serve_forever()
