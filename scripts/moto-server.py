#!/usr/bin/env python3
"""moto's server with each request handled alone.

DynamoDB runs a TransactWriteItems atomically and in isolation; moto 5's in-memory backend does not guard its state
against its own request threads, so under concurrent transactions it can let two conditional updates both pass (50
buyers for 10 units got 11 orders in a direct boto3 check). The tests prove CloudMart's rules, not moto's locking, so
this launcher serves moto's own application behind one lock: connections are still accepted concurrently, requests
reach the backend one at a time, as a serializable store would order them.

It also mends how moto 5 rolls back a cancelled TransactWriteItems: it restores a deep copy of the whole table taken
before the transaction, stream shard included. That copy is a new shard object, so every shard iterator handed out
before (a stream reader's) reads a shard nobody writes to any more, and the records of the writes that were rolled
back stay in the old one. DynamoDB streams only committed writes. Here the shard is shared, not copied (which also
spares copying every stream record on every transaction), and a cancelled transaction's records are taken back out.

Usage: scripts/moto-server.py <host> <port>
"""
import sys
import threading

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import StreamShard
from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

StreamShard.__deepcopy__ = lambda self, memo: self  # the table's backup shares its live shard
_transact_write_items = DynamoDBBackend.transact_write_items


def _transact_committed_only(self, transact_items):
    shards = {name: (table.stream_shard, len(table.stream_shard.items))
              for name, table in self.tables.items() if table.stream_shard is not None}
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        for name, (shard, length) in shards.items():
            del shard.items[length:]  # what the cancelled transaction wrote never happened
            if name in self.tables:
                shard.table = self.tables[name]
                self.tables[name].stream_shard = shard
        raise


DynamoDBBackend.transact_write_items = _transact_committed_only

_lock = threading.Lock()
_app = DomainDispatcherApplication(create_backend_app)


def serialized(environ, start_response):
    with _lock:
        return list(_app(environ, start_response))


if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    run_simple(host, port, serialized, threaded=True)
