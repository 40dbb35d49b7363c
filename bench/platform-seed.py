#!/usr/bin/env python3
# platform-seed.py — fills a textdesk-platform database for the benchmark
#
# Copyright 2026 The Textdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes a database that `textdesk-platform serve --demo` created (schema and
# demo accounts, short codes, campaigns and lists) and adds subscribers,
# conversations, texts and messages straight into the server's schema with
# set-based INSERT ... SELECT statements, keeping every denormalised count
# (conversation unread counts and last message, Campaign Activity, campaign
# and list counts) as the server itself would. The server must not run
# while this writes.

import argparse
import json
import sqlite3
import sys
import time

FIRST = ["Ada", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo",
         "Ines", "Jon", "Kira", "Liam", "Maya", "Noah", "Olga", "Pablo"]
LAST = ["Ng", "Smith", "Okafor", "Silva", "Kowalski", "Haddad", "Larsen",
        "Moreau", "Tanaka", "Novak", "Reyes", "Fischer"]
CITIES = ["Springfield", "Riverton", "Lakeside", "Hillview", "Bayport"]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--subscribers", type=int, default=100000)
    p.add_argument("--messages", type=int, default=1000000)
    p.add_argument("--phones", help="write the seeded phones here, one a line")
    args = p.parse_args()

    started = time.monotonic()
    con = sqlite3.connect(args.db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA cache_size = -262144")
    q = lambda sql, *a: con.execute(sql, a).fetchall()

    with open(args.corpus, encoding="utf-8") as f:
        next(f)
        corpus = [line.rstrip("\n").split("\t", 1)[1] for line in f if "\t" in line]

    con.execute("BEGIN")
    con.execute("CREATE TEMP TABLE bench_corpus (n INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    con.executemany("INSERT INTO bench_corpus (n, body) VALUES (?, ?)",
                    list(enumerate(corpus)))

    accounts = q("SELECT a.id, a.name, sca.short_code_id FROM accounts a "
                 "JOIN short_code_accounts sca ON sca.account_id = a.id ORDER BY a.id")
    if not accounts:
        sys.exit("no accounts: create the database with `serve --demo` first")
    # The dedicated code's account gets most of the load, as a big station would.
    kinds = dict(q("SELECT id, kind FROM short_codes"))
    weights = [8 if kinds[sc] == "dedicated" else 1 for _, _, sc in accounts]
    now = int(time.time() * 1000)
    per_conversation = max(1, args.messages // args.subscribers)

    con.execute("CREATE TEMP TABLE bench_conv (id INTEGER PRIMARY KEY, account_id, "
                "subscriber_id, short_code_id, phone, campaign_id, keyword, list_id, stream)")
    seeded_before = q("SELECT COALESCE(MAX(id), 0) FROM subscribers")[0][0]

    for (account_id, name, short_code_id), weight in zip(accounts, weights):
        count = args.subscribers * weight // sum(weights)
        campaigns = q("SELECT c.id, c.list_id, (SELECT keyword FROM keywords k "
                      "WHERE k.campaign_id = c.id ORDER BY position LIMIT 1) "
                      "FROM campaigns c WHERE c.account_id = ? AND c.status = 'active' "
                      "AND c.list_id IS NOT NULL ORDER BY c.id", account_id)
        before = q("SELECT COALESCE(MAX(id), 0) FROM subscribers")[0][0]
        con.execute(
            "INSERT OR IGNORE INTO subscribers (account_id, phone, first_name, last_name, "
            "fields, status, opted_out_at, created_at, updated_at, last_seen_at) "
            "WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2 - 1) "
            "SELECT ?1, printf('+1%03d55501%02d', 200 + (n / 100) % 800, n % 100), "
            "  json_extract(?3, '$[' || (n % 16) || ']'), json_extract(?4, '$[' || (n % 12) || ']'), "
            "  json_object('city', json_extract(?5, '$[' || (n % 5) || ']'), 'age', 18 + n % 60), "
            "  CASE WHEN n % 50 = 49 THEN 'opted_out' ELSE 'active' END, "
            "  CASE WHEN n % 50 = 49 THEN ?6 - n * 1000 END, "
            "  ?6 - (?2 - n) * 60000, ?6 - (?2 - n) * 60000, ?6 - n * 1000 "
            "FROM seq",
            (account_id, count, json.dumps(FIRST), json.dumps(LAST), json.dumps(CITIES), now))
        # 70% of the conversations started with a keyword of an active
        # campaign (a quarter of those went on with texts that match no
        # keyword, into the stream); the others are stream conversations.
        con.execute(
            "INSERT INTO bench_conv (account_id, subscriber_id, short_code_id, phone, "
            "campaign_id, keyword, list_id, stream) "
            "SELECT s.account_id, s.id, ?2, s.phone, c.campaign_id, c.keyword, c.list_id, "
            "  c.campaign_id IS NULL "
            "FROM subscribers s LEFT JOIN (SELECT value ->> '$[0]' AS campaign_id, "
            "  value ->> '$[1]' AS list_id, value ->> '$[2]' AS keyword, key AS k "
            "  FROM json_each(?3)) c ON (s.id % 10) < 7 AND c.k = s.id % ?4 "
            "WHERE s.account_id = ?1 AND s.id > ?5 ORDER BY s.id",
            (account_id, short_code_id, json.dumps(campaigns), max(1, len(campaigns)), before))
        print("  %s: %d subscribers, %d active campaigns" %
              (name, q("SELECT COUNT(*) FROM subscribers WHERE account_id = ? AND id > ?",
                       account_id, before)[0][0], len(campaigns)), file=sys.stderr)

    con.execute("INSERT INTO conversations (account_id, subscriber_id, short_code_id, updated_at) "
                "SELECT account_id, subscriber_id, short_code_id, ?1 FROM bench_conv "
                "WHERE true ON CONFLICT DO NOTHING", (now,))
    con.execute("CREATE TEMP TABLE bench_conv_id AS SELECT b.id AS b, c.id AS conversation_id "
                "FROM bench_conv b JOIN conversations c ON c.account_id = b.account_id "
                "AND c.subscriber_id = b.subscriber_id AND c.short_code_id = b.short_code_id")
    con.execute("CREATE INDEX temp.bench_conv_id_b ON bench_conv_id (b)")

    # The plan: one row per message, in time order; text i and message i
    # get ids t0 + i and m0 + i.
    total = q("SELECT COUNT(*) FROM bench_conv")[0][0] * per_conversation
    t0 = q("SELECT COALESCE(MAX(id), 0) FROM texts")[0][0]
    m0 = q("SELECT COALESCE(MAX(id), 0) FROM messages")[0][0]
    start = now - total * 200
    con.execute(
        "CREATE TEMP TABLE bench_plan AS "
        "WITH RECURSIVE j(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM j WHERE n < ?1 - 1) "
        "SELECT (b.id - 1) * ?1 + j.n + 1 AS i, b.account_id, x.conversation_id, b.subscriber_id, "
        "  b.short_code_id, b.phone, "
        "  CASE WHEN j.n % 10 IN (1, 4, 7) THEN 'outbound' ELSE 'inbound' END AS direction, "
        "  CASE WHEN b.campaign_id IS NOT NULL AND (j.n % 10 IN (1, 4, 7) OR b.followups = 0 "
        "       OR j.n % 2 = 0) THEN b.campaign_id END AS campaign_id, "
        "  CASE WHEN b.campaign_id IS NOT NULL AND j.n % 10 NOT IN (1, 4, 7) AND (b.followups = 0 "
        "       OR j.n % 2 = 0) THEN b.keyword END AS keyword, "
        "  j.n AS n "
        "FROM (SELECT *, subscriber_id % 4 = 0 AS followups FROM bench_conv) b "
        "JOIN bench_conv_id x ON x.b = b.id, j", (per_conversation,))
    con.execute(
        "INSERT INTO texts (id, short_code_id, phone, direction, body, status, gateway, "
        "  created_at, updated_at) "
        "SELECT ?1 + p.i, p.short_code_id, p.phone, p.direction, "
        "  CASE WHEN p.keyword IS NOT NULL THEN p.keyword "
        "       WHEN p.direction = 'outbound' THEN 'Thanks! We got your text.' "
        "       ELSE (SELECT body FROM bench_corpus WHERE n = p.i % ?3) END, "
        "  CASE p.direction WHEN 'inbound' THEN 'received' ELSE 'delivered' END, "
        "  CASE p.direction WHEN 'outbound' THEN 'outbox' END, "
        "  ?2 + p.i * 200, ?2 + p.i * 200 "
        "FROM bench_plan p ORDER BY p.i", (t0, start, len(corpus)))
    con.execute(
        "INSERT INTO messages (id, account_id, conversation_id, subscriber_id, text_id, "
        "  direction, campaign_id, matched_keyword, in_stream, created_at) "
        "SELECT ?1 + p.i, p.account_id, p.conversation_id, p.subscriber_id, ?2 + p.i, "
        "  p.direction, p.campaign_id, p.keyword, "
        "  p.direction = 'inbound' AND p.campaign_id IS NULL, ?3 + p.i * 200 "
        "FROM bench_plan p ORDER BY p.i", (m0, t0, start))

    # Counts, as the pipeline keeps them: a quarter of the conversations
    # have unread texts (all inbound after the read horizon).
    con.execute(
        "UPDATE conversations SET "
        "  last_message_id = (SELECT MAX(id) FROM messages m WHERE m.conversation_id = conversations.id), "
        "  updated_at = (SELECT MAX(created_at) FROM messages m WHERE m.conversation_id = conversations.id), "
        "  in_stream = EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id AND m.in_stream) "
        "WHERE id IN (SELECT conversation_id FROM bench_conv_id)")
    con.execute(
        "UPDATE conversations SET last_read_message_id = CASE WHEN id % 4 = 0 "
        "  THEN last_message_id - 3 ELSE last_message_id END "
        "WHERE id IN (SELECT conversation_id FROM bench_conv_id)")
    con.execute(
        "UPDATE conversations SET unread_count = (SELECT COUNT(*) FROM messages m "
        "  WHERE m.conversation_id = conversations.id AND m.direction = 'inbound' "
        "  AND m.id > conversations.last_read_message_id) "
        "WHERE id IN (SELECT conversation_id FROM bench_conv_id)")
    con.execute(
        "INSERT INTO conversation_campaigns (campaign_id, conversation_id, last_message_id, unread_count) "
        "SELECT m.campaign_id, m.conversation_id, MAX(m.id), "
        "  SUM(m.direction = 'inbound' AND m.id > c.last_read_message_id) "
        "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
        "WHERE m.id > ?1 AND m.campaign_id IS NOT NULL GROUP BY m.campaign_id, m.conversation_id "
        "ON CONFLICT (campaign_id, conversation_id) DO UPDATE SET "
        "  last_message_id = MAX(last_message_id, excluded.last_message_id), "
        "  unread_count = unread_count + excluded.unread_count", (m0,))
    con.execute(
        "UPDATE campaigns SET "
        "  message_count = (SELECT COUNT(*) FROM messages m WHERE m.campaign_id = campaigns.id), "
        "  unread_count = (SELECT COALESCE(SUM(unread_count), 0) FROM conversation_campaigns cc "
        "                  WHERE cc.campaign_id = campaigns.id)")
    # Keyword joins: on the campaign's list, with a keyword consent record.
    con.execute(
        "INSERT OR IGNORE INTO list_members (list_id, subscriber_id, source, keyword, added_at) "
        "SELECT b.list_id, b.subscriber_id, 'keyword', b.keyword, ?1 "
        "FROM bench_conv b WHERE b.list_id IS NOT NULL", (start,))
    con.execute("UPDATE lists SET subscriber_count = (SELECT COUNT(*) FROM list_members lm "
                "WHERE lm.list_id = lists.id)")
    con.execute(
        "INSERT OR IGNORE INTO opt_outs (short_code_id, phone, at) "
        "SELECT b.short_code_id, b.phone, s.opted_out_at FROM bench_conv b "
        "JOIN subscribers s ON s.id = b.subscriber_id WHERE s.status = 'opted_out'")
    con.execute("COMMIT")

    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: q("SELECT COUNT(*) FROM %s" % t)[0][0]
              for t in ("subscribers", "conversations", "texts", "messages", "list_members")}
    if args.phones:
        with open(args.phones, "w", encoding="utf-8") as f:
            for (phone,) in q("SELECT DISTINCT phone FROM subscribers WHERE id > ? AND status = 'active'",
                              seeded_before):
                f.write(phone + "\n")
    con.close()
    print(json.dumps({"seconds": round(time.monotonic() - started, 1), **counts}))


if __name__ == "__main__":
    main()
