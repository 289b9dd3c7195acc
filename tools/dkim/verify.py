#!/usr/bin/env python3
"""Verifies a DKIM-signed message with dkimpy, an independent implementation, given the public key.

Usage: verify.py MESSAGE_FILE DNS_TXT_FILE
The TXT record (e.g. "v=DKIM1; k=rsa; p=...") is answered for any selector's query, so no DNS is used.
Prints the signed header names and "ok" and exits 0 when the signature verifies; exits 1 otherwise;
2 when dkimpy is missing (pip install dkimpy).
"""
import sys

try:
    import dkim
except ImportError:
    print("dkimpy is missing (pip install dkimpy)", file=sys.stderr)
    sys.exit(2)

message = open(sys.argv[1], "rb").read()
record = open(sys.argv[2], "rb").read().strip()


def dnsfunc(name, timeout=5):
    return record


verifier = dkim.DKIM(message)
ok = verifier.verify(dnsfunc=dnsfunc)
signature = dkim.util.parse_tag_value(verifier.headers[0][1]) if verifier.headers else {}
print("h=" + "".join(signature.get(b"h", b"").decode().split()))
print("ok" if ok else "FAIL")
sys.exit(0 if ok else 1)
