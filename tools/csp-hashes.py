#!/usr/bin/env python3
"""Trunk post-build hook: allow the page's inline scripts (Trunk's loader) by their SHA-256 in
the Content-Security-Policy, so that the policy needs no 'unsafe-inline'."""
import base64
import hashlib
import os
import re
import sys

PLACEHOLDER = "INLINE-SCRIPT-HASHES"

def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("csp-hashes: TRUNK_STAGING_DIR is not set", file=sys.stderr)
        return 1
    path = os.path.join(staging, "index.html")
    with open(path, encoding="utf-8") as f:
        html = f.read()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    if PLACEHOLDER not in html:
        print(f"csp-hashes: no {PLACEHOLDER} in {path}", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(html.replace(PLACEHOLDER, hashes))
    return 0

if __name__ == "__main__":
    sys.exit(main())
