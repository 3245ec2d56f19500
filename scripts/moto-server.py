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
back stay in the old one. DynamoDB streams only committed writes. Here a transaction keeps the items it touches and,
if cancelled, puts back just those and takes its stream records out: no table is copied, so a transaction costs the
same on a table of ten items or ten thousand (the whole-table copy made moto slower with every order placed).

Usage: scripts/moto-server.py <host> <port>
"""
import sys
import threading

import copy

import moto.dynamodb.models as ddb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

class _KeepTables:
    """moto's module-level `copy` for its DynamoDB backend, except that a table is not copied whole."""

    @staticmethod
    def deepcopy(value, memo=None):
        return value if isinstance(value, Table) else copy.deepcopy(value, memo)


ddb_models.copy = _KeepTables  # the per-transaction backup of every table it touches is replaced below
_transact_write_items = DynamoDBBackend.transact_write_items


def _key(table, op_type, op):
    if op_type != "Put":
        return op["Key"]
    key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = op["Item"][table.range_key_attr]
    return key


def _transact_committed_only(self, transact_items):
    """A TransactWriteItems that, when cancelled, puts back exactly the items it touched and takes its stream
    records out: moto's own rollback restores a deep copy of each whole table (a cost that grows with the table,
    and a new stream shard that strands every reader's iterator)."""
    before = []
    for entry in transact_items:
        op_type, op = next(iter(entry.items()))
        table = self.tables.get(op.get("TableName"))
        if table is None or op_type == "ConditionCheck":
            continue
        try:
            key = _key(table, op_type, op)
            current = self.get_item(table.name, key)
        except Exception:  # a malformed item: moto refuses it below, before writing anything
            continue
        before.append((table.name, key, copy.deepcopy(current) if current is not None else None))
    shards = {name: (table.stream_shard, len(table.stream_shard.items))
              for name, table in self.tables.items() if table.stream_shard is not None}
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        for name, key, item in reversed(before):
            if item is not None:
                self.put_item(name, item.to_json()["Attributes"])
            elif self.get_item(name, key) is not None:
                self.delete_item(name, key)
        for shard, length in shards.values():
            del shard.items[length:]  # what the cancelled transaction wrote never happened
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
