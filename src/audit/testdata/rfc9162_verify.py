#!/usr/bin/env python3
"""Independent RFC 9162 verifier (Python standard library only), used by the audit tests.

It shares no code with the TypeScript implementation: it follows the RFC text directly.

Reads JSON from stdin: {"checks": [check, ...]} where each check is one of
  {"kind": "inclusion", "leaf_hash": hex, "index": int, "size": int, "path": [hex], "root": hex}
  {"kind": "consistency", "from": int, "to": int, "old_root": hex, "new_root": hex, "path": [hex]}
  {"kind": "root", "leaves": [hex of leaf *data*], "root": hex}      # MTH per section 2.1.1
  {"kind": "leaf", "data": hex, "leaf_hash": hex}                   # leaf hash = SHA-256(0x00 || data)
Writes JSON to stdout: {"results": [true|false, ...]} in the same order.
"""
import hashlib
import json
import sys


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def hash_leaf(data: bytes) -> bytes:
    return sha256(b"\x00" + data)


def hash_children(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right)


def mth(leaves: list) -> bytes:
    """Section 2.1.1: MTH of a list of entries (data, not hashes)."""
    n = len(leaves)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return hash_leaf(leaves[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return hash_children(mth(leaves[:k]), mth(leaves[k:]))


def verify_inclusion(leaf_hash: bytes, leaf_index: int, tree_size: int, inclusion_path: list, root_hash: bytes) -> bool:
    """Section 2.1.3.2."""
    if len(leaf_hash) != 32 or len(root_hash) != 32 or any(len(p) != 32 for p in inclusion_path):
        return False
    if leaf_index >= tree_size or leaf_index < 0:
        return False
    fn, sn = leaf_index, tree_size - 1
    r = leaf_hash
    for p in inclusion_path:
        if sn == 0:
            return False
        if fn & 1 == 1 or fn == sn:
            r = hash_children(p, r)
            if fn & 1 == 0:
                while not (fn & 1 == 1 or fn == 0):
                    fn >>= 1
                    sn >>= 1
        else:
            r = hash_children(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root_hash


def verify_consistency(first: int, second: int, first_hash: bytes, second_hash: bytes, consistency_path: list) -> bool:
    """Section 2.1.4.2 for 0 < first < second; the trivial sizes by the usual convention."""
    if any(len(p) != 32 for p in consistency_path) or first < 0 or first > second:
        return False
    if first == second:
        return len(consistency_path) == 0 and first_hash == second_hash
    if first == 0:
        return len(consistency_path) == 0
    if not consistency_path:
        return False
    path = list(consistency_path)
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    fn, sn = first - 1, second - 1
    while fn & 1 == 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 == 1 or fn == sn:
            fr = hash_children(c, fr)
            sr = hash_children(c, sr)
            if fn & 1 == 0:
                while not (fn & 1 == 1 or fn == 0):
                    fn >>= 1
                    sn >>= 1
        else:
            sr = hash_children(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_hash and sr == second_hash


def run(check: dict) -> bool:
    h = bytes.fromhex
    kind = check["kind"]
    if kind == "inclusion":
        return verify_inclusion(h(check["leaf_hash"]), check["index"], check["size"], [h(p) for p in check["path"]], h(check["root"]))
    if kind == "consistency":
        return verify_consistency(check["from"], check["to"], h(check["old_root"]), h(check["new_root"]), [h(p) for p in check["path"]])
    if kind == "root":
        return mth([h(x) for x in check["leaves"]]) == h(check["root"])
    if kind == "leaf":
        return hash_leaf(h(check["data"])) == h(check["leaf_hash"])
    raise ValueError("unknown check kind: " + kind)


def main() -> None:
    request = json.load(sys.stdin)
    json.dump({"results": [run(c) for c in request["checks"]]}, sys.stdout)


if __name__ == "__main__":
    main()
