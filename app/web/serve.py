#!/usr/bin/env python3
"""Serves the browser build on 127.0.0.1 with the two headers that make the
page cross-origin isolated, without which browsers give it no threads
(SharedArrayBuffer):

    Cross-Origin-Opener-Policy: same-origin
    Cross-Origin-Embedder-Policy: require-corp

    serve.py DIR [PORT]          (scripts/web.sh --serve [PORT] runs it)
    serve.py DIR PORT --no-isolation   the page as a plain static host serves it

Python's http.server otherwise; it follows DIR/data, the link to the data folder.
"""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    isolate = True
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def end_headers(self):
        if self.isolate:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):  # quiet: errors only
        if len(args) > 1 and str(args[1])[:1] in "45":
            super().log_message(format, *args)


def main():
    args = [a for a in sys.argv[1:] if a != "--no-isolation"]
    if not args or len(args) > 2:
        sys.exit("usage: serve.py DIR [PORT] [--no-isolation]")
    port = int(args[1]) if len(args) > 1 else 8080
    Handler.isolate = "--no-isolation" not in sys.argv
    handler = functools.partial(Handler, directory=args[0])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    print(f"serving {args[0]} on http://127.0.0.1:{server.server_port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
