#!/usr/bin/env python3
# platform-sign.py — pregenerates signed inbound webhook requests for wrk
#
# Copyright 2026 The Textdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes one request a line: PATH <TAB> X-Twilio-Signature <TAB> FORM-BODY.
# Every request has its own MessageSid (a redelivered id would be dropped
# early, which would flatter the figures). The texts are a mix that makes
# the router work: active keywords (joins, auto-responses), expired and
# paused keywords, misspellings, HELP, and real texts from the SMS Spam
# Collection that go into the stream.

import argparse
import base64
import hashlib
import hmac
import json
import random
import sys
import urllib.parse


def signature(secret, url, fields):
    data = url + "".join(k + fields[k] for k in sorted(fields))
    digest = hmac.new(secret.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def misspell(word, rng):
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--codes", required=True,
                   help='JSON: {"41019": {"secret": S, "active": [..], "inactive": [..]}, ...}')
    p.add_argument("--phones", required=True,
                   help="file of known subscriber phones, one a line")
    p.add_argument("--corpus", required=True, help="sms-spam-collection.tsv")
    p.add_argument("--run", default="1", help="a tag that makes MessageSids unique per run")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()

    rng = random.Random(args.seed)
    codes = json.loads(args.codes)
    with open(args.phones, encoding="utf-8") as f:
        phones = [line.strip() for line in f if line.strip()]
    with open(args.corpus, encoding="utf-8") as f:
        next(f)
        corpus = [line.rstrip("\n").split("\t", 1)[1] for line in f if "\t" in line]
    if not phones or not corpus:
        sys.exit("no phones or no corpus lines")

    out = sys.stdout
    code_list = sorted(codes)
    for i in range(args.count):
        code = code_list[i % len(code_list)]
        info = codes[code]
        roll = rng.random()
        if roll < 0.35 and info["active"]:
            body = rng.choice(info["active"])
            if rng.random() < 0.5:
                body += " " + rng.choice(["please", "me too!", "yes", "I'm in", ":)"])
        elif roll < 0.45 and info["inactive"]:
            body = rng.choice(info["inactive"]).lower()
        elif roll < 0.55 and info["active"]:
            body = misspell(rng.choice(info["active"]), rng)
        elif roll < 0.56:
            body = "HELP"
        else:
            body = rng.choice(corpus)
        if rng.random() < 0.8:
            sender = rng.choice(phones)
        else:
            # A new number (fictional range: 555-01xx exchange, any area).
            sender = "+1%03d55501%02d" % (200 + rng.randrange(700), rng.randrange(100))
        fields = {
            "MessageSid": "SMbench%s%09d" % (args.run, i),
            "AccountSid": "ACbench",
            "From": sender,
            "To": code,
            "Body": body,
            "NumMedia": "0",
        }
        path = "/gateway/twilio/" + code
        sig = signature(info["secret"], args.base + path, fields)
        out.write("%s\t%s\t%s\n" % (path, sig, urllib.parse.urlencode(fields)))


if __name__ == "__main__":
    main()
