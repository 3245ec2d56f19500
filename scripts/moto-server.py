#!/usr/bin/env python3
"""moto's server with each request handled alone.

DynamoDB runs a TransactWriteItems atomically and in isolation; moto 5's in-memory backend does not guard its state
against its own request threads, so under concurrent transactions it can let two conditional updates both pass (50
buyers for 10 units got 11 orders in a direct boto3 check). The tests prove CloudMart's rules, not moto's locking, so
this launcher serves moto's own application behind one lock: connections are still accepted concurrently, requests
reach the backend one at a time, as a serializable store would order them.

Usage: scripts/moto-server.py <host> <port>
"""
import sys
import threading

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

_lock = threading.Lock()
_app = DomainDispatcherApplication(create_backend_app)


def serialized(environ, start_response):
    with _lock:
        return list(_app(environ, start_response))


if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    run_simple(host, port, serialized, threaded=True)
