/* test-platform-corpus.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-platform-corpus"

#include <string.h>

#include <sqlite3.h>

#include "td-keyword.h"
#include "td-platform-handlers.h"
#include "td-platform-test-utils.h"

/* Real input: all 5,574 texts of the SMS Spam Collection through the
 * gateway webhook on both short codes. Every text is stored once, routed
 * by the rules, and seen by exactly the accounts the shared-code rule
 * allows: a model of the rules, kept here independently of the server,
 * says what each account should see.
 */
static TdTestPlatform *platform;

typedef enum
{
  ROUTE_STOP,
  ROUTE_START,
  ROUTE_HELP,
  ROUTE_KEYWORD,
  ROUTE_EXPIRED,
  ROUTE_STREAM,
} Route;

typedef struct
{
  char   *account_id;
  char   *campaign_id;
  gboolean live;
} Keyword;

typedef struct
{
  char       *code;
  char       *secret;
  GHashTable *keywords;      /* keyword -> Keyword */
  GHashTable *opted_out;     /* phone set */
} Code;

typedef struct
{
  char   *sid;
  char   *phone;
  char   *code;
  char   *body;
  char   *secret;
  Route   route;
  char   *keyword;
  char   *keyword_account;
  char   *expected;          /* sorted account ids, comma separated */
} Sent;

static const char *const stop_words[] = { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", NULL };
static const char *const start_words[] = { "START", "UNSTOP", "YES", NULL };
static const char *const help_words[] = { "HELP", "INFO", NULL };

static void
keyword_free (Keyword *keyword)
{
  g_free (keyword->account_id);
  g_free (keyword->campaign_id);
  g_free (keyword);
}

static void
sent_free (Sent *sent)
{
  g_free (sent->sid);
  g_free (sent->body);
  g_free (sent->secret);
  g_free (sent->phone);
  g_free (sent->code);
  g_free (sent->keyword);
  g_free (sent->keyword_account);
  g_free (sent->expected);
  g_free (sent);
}

static GPtrArray *
load_corpus (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("TEXTDESK_SHARED_DATA"), "sms-spam-collection.tsv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  /* The first line is the header: Label, SMS. */
  g_assert_true (g_str_has_prefix (lines[0], "Label\t"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *tab = strchr (lines[i], '\t');
      char *text;

      if (tab == NULL)
        continue;
      text = g_strdup (tab + 1);
      g_strchomp (text);
      g_ptr_array_add (texts, text);
    }

  return texts;
}

/* Sending: the texts of one sender go in order, one at a time, in one of
 * several lanes; the lanes run side by side, as a gateway's connections
 * do. The rules make no text of one sender depend on another's.
 */
#define N_LANES 8

typedef struct
{
  SoupSession *session;
  GQueue       lanes[N_LANES];
  guint        pending;
  guint        failures;
} Sender;

static void send_next (Sender *sender,
                       guint   lane);

typedef struct
{
  Sender *sender;
  guint   lane;
} LaneData;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LaneData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  g_assert_no_error (error);
  if (soup_message_get_status (msg) != 200)
    {
      g_printerr ("Webhook answered %u: %.*s\n", soup_message_get_status (msg),
                  (int) g_bytes_get_size (answer), (const char *) g_bytes_get_data (answer, NULL));
      data->sender->failures++;
    }

  data->sender->pending--;
  send_next (data->sender, data->lane);
  g_free (data);
}

static void
send_next (Sender *sender,
           guint   lane)
{
  Sent *s = g_queue_pop_head (&sender->lanes[lane]);
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  LaneData *data;

  if (s == NULL)
    return;

  form = g_hash_table_new (g_str_hash, g_str_equal);
  path = g_strdup_printf ("/gateway/twilio/%s", s->code);
  url = g_strconcat (platform->url, path, NULL);
  g_hash_table_insert (form, (gpointer) "MessageSid", s->sid);
  g_hash_table_insert (form, (gpointer) "From", s->phone);
  g_hash_table_insert (form, (gpointer) "To", s->code);
  g_hash_table_insert (form, (gpointer) "Body", s->body);
  signature = td_platform_twilio_signature (s->secret, url, form);

  msg = soup_message_new_from_encoded_form ("POST", url, soup_form_encode_hash (form));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Twilio-Signature", signature);

  data = g_new0 (LaneData, 1);
  data->sender = sender;
  data->lane = lane;
  sender->pending++;
  soup_session_send_and_read_async (sender->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, data);
}

static void
send_in_lanes (GPtrArray *sent)
{
  Sender sender = { 0 };

  sender.session = soup_session_new_with_options ("max-conns-per-host", N_LANES, "timeout", 60, NULL);
  for (guint i = 0; i < N_LANES; i++)
    g_queue_init (&sender.lanes[i]);

  for (guint i = 0; i < sent->len; i++)
    {
      Sent *s = g_ptr_array_index (sent, i);

      g_queue_push_tail (&sender.lanes[g_str_hash (s->phone) % N_LANES], s);
    }

  for (guint i = 0; i < N_LANES; i++)
    send_next (&sender, i);

  while (sender.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (sender.failures, ==, 0);
  g_object_unref (sender.session);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = g_ascii_strtoll (*(const char * const *) a, NULL, 10);
  gint64 y = g_ascii_strtoll (*(const char * const *) b, NULL, 10);

  return x < y ? -1 : x > y;
}

static void
test_corpus (void)
{
  g_autoptr(GPtrArray) corpus = NULL;
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func ((GDestroyNotify) sent_free);
  g_autoptr(GHashTable) account_of_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_hash_table_unref);
  static const char *const emails[] = { "admin@wave.example", "admin@metro.example", "admin@sports.example" };
  Code codes[2] = { { (char *) "41019" }, { (char *) "72000" } };
  guint counts[6] = { 0 };

  platform = td_test_platform_start (TRUE, NULL);
  corpus = load_corpus ();
  g_assert_cmpuint (corpus->len, ==, 5574);

  /* What the accounts have before: keywords, list members, opt-outs. */
  for (guint c = 0; c < 2; c++)
    {
      codes[c].secret = td_test_secret (platform, codes[c].code);
      codes[c].keywords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) keyword_free);
      codes[c].opted_out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  for (guint a = 0; a < G_N_ELEMENTS (emails); a++)
    {
      g_autofree char *token = td_test_sign_in (platform, emails[a]);
      g_autoptr(JsonObject) me = td_test_get (platform, token, "/v1/me");
      g_autoptr(GPtrArray) campaigns = td_test_list_all (platform, "/v1/campaigns", token);
      g_autoptr(GPtrArray) subscribers = td_test_list_all (platform, "/v1/subscribers", token);
      const char *account_id = json_object_get_string_member (me, "account_id");
      GHashTable *phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      g_hash_table_insert (account_of_email, g_strdup (emails[a]), g_strdup (account_id));
      g_hash_table_insert (tokens, g_strdup (account_id), g_strdup (token));
      g_hash_table_insert (members, g_strdup (account_id), phones);

      for (guint i = 0; i < campaigns->len; i++)
        {
          JsonObject *campaign = g_ptr_array_index (campaigns, i);
          JsonArray *keywords = json_object_get_array_member (campaign, "keywords");
          Code *code = g_str_equal (json_object_get_string_member (campaign, "short_code"), "41019")
                       ? &codes[0] : &codes[1];

          for (guint k = 0; k < json_array_get_length (keywords); k++)
            {
              Keyword *keyword = g_new0 (Keyword, 1);

              keyword->account_id = g_strdup (account_id);
              keyword->campaign_id = td_test_object_id (campaign);
              keyword->live = g_str_equal (json_object_get_string_member (campaign, "status"), "active");
              g_hash_table_insert (code->keywords, g_strdup (json_array_get_string_element (keywords, k)), keyword);
            }
        }

      for (guint i = 0; i < subscribers->len; i++)
        {
          JsonObject *subscriber = g_ptr_array_index (subscribers, i);

          if (json_array_get_length (json_object_get_array_member (subscriber, "list_ids")) > 0)
            g_hash_table_add (phones, g_strdup (json_object_get_string_member (subscriber, "phone")));
        }
    }

  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (platform->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sc.code, o.phone FROM opt_outs o "
                                         "JOIN short_codes sc ON sc.id = o.short_code_id", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        Code *code = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "41019") ? &codes[0] : &codes[1];

        g_hash_table_add (code->opted_out, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* Send everything, and keep what the rules say. */
  for (guint i = 0; i < corpus->len; i++)
    for (guint c = 0; c < 2; c++)
      {
        Code *code = &codes[c];
        const char *body = g_ptr_array_index (corpus, i);
        g_autofree char *word = td_keyword_first_word (body);
        g_autoptr(GPtrArray) accounts = g_ptr_array_new ();
        Sent *s = g_new0 (Sent, 1);
        Keyword *keyword = word ? g_hash_table_lookup (code->keywords, word) : NULL;
        gboolean opted_out;

        s->code = g_strdup (code->code);
        s->sid = g_strdup_printf ("SMcorpus%s%05u", code->code, i);
        /* Dedicated: new numbers. Shared: the demo's senders (some on
         * Metro's or City Sports' lists) and strangers.
         */
        s->phone = c == 0 ? g_strdup_printf ("+1555012%04u", i % 600)
                          : g_strdup_printf ("+1555010%04u", 1000 + (i * 7) % 800);
        opted_out = g_hash_table_contains (code->opted_out, s->phone);

        if (word != NULL && g_strv_contains (stop_words, word))
          {
            s->route = ROUTE_STOP;
            g_hash_table_add (code->opted_out, g_strdup (s->phone));
          }
        else if (word != NULL && g_strv_contains (start_words, word) && opted_out)
          {
            s->route = ROUTE_START;
            g_hash_table_remove (code->opted_out, s->phone);
          }
        else if (word != NULL && g_strv_contains (help_words, word))
          s->route = ROUTE_HELP;
        else if (keyword != NULL && keyword->live)
          {
            s->route = ROUTE_KEYWORD;
            s->keyword = g_strdup (word);
            s->keyword_account = g_strdup (keyword->account_id);
            g_hash_table_add (g_hash_table_lookup (members, keyword->account_id), g_strdup (s->phone));
          }
        else if (keyword != NULL)
          {
            s->route = ROUTE_EXPIRED;
            s->keyword = g_strdup (word);
            s->keyword_account = g_strdup (keyword->account_id);
          }
        else
          s->route = ROUTE_STREAM;
        counts[s->route]++;

        /* The shared-code rule. */
        if (c == 0)
          g_ptr_array_add (accounts, g_hash_table_lookup (account_of_email, "admin@wave.example"));
        else
          for (guint a = 1; a < 3; a++)
            {
              const char *account_id = g_hash_table_lookup (account_of_email, emails[a]);

              if (g_strcmp0 (s->keyword_account, account_id) == 0 ||
                  g_hash_table_contains (g_hash_table_lookup (members, account_id), s->phone))
                g_ptr_array_add (accounts, (gpointer) account_id);
            }
        g_ptr_array_sort (accounts, compare_ids);
        g_ptr_array_add (accounts, NULL);
        s->expected = g_strjoinv (",", (char **) accounts->pdata);

        s->body = g_strdup (body);
        s->secret = g_strdup (code->secret);
        g_ptr_array_add (sent, s);
      }

  send_in_lanes (sent);

  g_test_message ("routes: %u stop, %u start, %u help, %u keyword, %u expired, %u stream",
                  counts[ROUTE_STOP], counts[ROUTE_START], counts[ROUTE_HELP],
                  counts[ROUTE_KEYWORD], counts[ROUTE_EXPIRED], counts[ROUTE_STREAM]);
  g_assert_cmpuint (counts[ROUTE_KEYWORD], >, 0);
  g_assert_cmpuint (counts[ROUTE_STREAM], >, 5000);

  /* A gateway redelivers some: nothing new. */
  for (guint i = 0; i < sent->len; i += 97)
    {
      Sent *s = g_ptr_array_index (sent, i);
      g_autoptr(TdTestResponse) again = td_test_send_text (platform, s->code, g_str_equal (s->code, "41019")
                                                           ? codes[0].secret : codes[1].secret,
                                                           s->sid, s->phone, "redelivered");

      g_assert_cmpuint (again->status, ==, 200);
    }

  /* Stored once each. */
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE gateway_sid LIKE 'SMcorpus%%'"), ==, sent->len);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (DISTINCT gateway_sid) FROM texts WHERE gateway_sid LIKE 'SMcorpus%%'"), ==, sent->len);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE body = 'redelivered'"), ==, 0);

  /* Each seen by exactly the accounts the rule allows, routed as the
   * rules say.
   */
  {
    g_autoptr(GHashTable) by_sid = g_hash_table_new (g_str_hash, g_str_equal);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    for (guint i = 0; i < sent->len; i++)
      {
        Sent *s = g_ptr_array_index (sent, i);

        g_hash_table_insert (by_sid, s->sid, s);
      }

    g_assert_cmpint (sqlite3_open_v2 (platform->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db,
                                         "SELECT t.gateway_sid, "
                                         "(SELECT group_concat (account_id) FROM (SELECT account_id FROM messages "
                                         " WHERE text_id = t.id AND direction = 'inbound' ORDER BY account_id)), "
                                         "(SELECT count (*) FROM messages WHERE text_id = t.id AND in_stream = 1), "
                                         "(SELECT count (*) FROM messages WHERE text_id = t.id), "
                                         "(SELECT m.matched_keyword || '/' || m.account_id FROM messages m "
                                         " WHERE m.text_id = t.id AND m.matched_keyword IS NOT NULL), "
                                         "(SELECT m.expired_keyword || '/' || m.account_id FROM messages m "
                                         " WHERE m.text_id = t.id AND m.expired_keyword IS NOT NULL) "
                                         "FROM texts t WHERE t.gateway_sid LIKE 'SMcorpus%'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        Sent *s = g_hash_table_lookup (by_sid, sqlite3_column_text (stmt, 0));
        const char *accounts = (const char *) sqlite3_column_text (stmt, 1);
        g_auto(GStrv) expected_accounts = g_strsplit (s->expected, ",", -1);
        int n_visible = *s->expected ? (int) g_strv_length (expected_accounts) : 0;
        g_autofree char *tagged = s->keyword ? g_strdup_printf ("%s/%s", s->keyword, s->keyword_account) : NULL;

        g_assert_nonnull (s);
        if (g_strcmp0 (accounts ? accounts : "", s->expected) != 0)
          g_error ("%s from %s: seen by [%s], the rule says [%s]", s->sid, s->phone,
                   accounts ? accounts : "", s->expected);
        g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, n_visible);

        switch (s->route)
          {
          case ROUTE_KEYWORD:
            g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, tagged);
            g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 0);
            break;
          case ROUTE_EXPIRED:
            g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, tagged);
            g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, n_visible);
            break;
          case ROUTE_STREAM:
            g_assert_null (sqlite3_column_text (stmt, 4));
            g_assert_null (sqlite3_column_text (stmt, 5));
            g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, n_visible);
            break;
          case ROUTE_STOP:
          case ROUTE_START:
          case ROUTE_HELP:
          default:
            g_assert_null (sqlite3_column_text (stmt, 4));
            g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 0);
            break;
          }
        g_hash_table_remove (by_sid, s->sid);
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    g_assert_cmpuint (g_hash_table_size (by_sid), ==, 0);
  }

  /* And through the API, for some senders on the shared code: each
   * account finds exactly the texts the rule gives it.
   */
  for (guint n = 1000; n < 1800; n += 41)
    {
      g_autofree char *phone = g_strdup_printf ("+1555010%04u", n);

      for (guint a = 1; a < 3; a++)
        {
          const char *account_id = g_hash_table_lookup (account_of_email, emails[a]);
          const char *token = g_hash_table_lookup (tokens, account_id);
          g_autoptr(JsonObject) page = td_test_get (platform, token, "/v1/conversations?q=%s&archived=false", phone + 2);
          g_autoptr(JsonObject) archived = td_test_get (platform, token, "/v1/conversations?q=%s&archived=true", phone + 2);
          JsonArray *data = json_object_get_array_member (page, "data");
          guint expected = 0;
          guint found = 0;

          for (guint i = 0; i < sent->len; i++)
            {
              Sent *s = g_ptr_array_index (sent, i);
              g_auto(GStrv) visible = g_strsplit (s->expected, ",", -1);

              if (g_str_equal (s->code, "72000") && g_str_equal (s->phone, phone) &&
                  g_strv_contains ((const char * const *) visible, account_id))
                expected++;
            }

          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (archived, "data")), ==, 0);
          if (json_array_get_length (data) > 0)
            {
              JsonObject *conversation = json_array_get_object_element (data, 0);
              g_autoptr(GPtrArray) thread = NULL;
              g_autofree char *path = g_strdup_printf ("/v1/conversations/%s/messages",
                                                       json_object_get_string_member (conversation, "id"));

              g_assert_cmpuint (json_array_get_length (data), ==, 1);
              thread = td_test_list_all (platform, path, token);
              for (guint i = 0; i < thread->len; i++)
                {
                  JsonObject *message = g_ptr_array_index (thread, i);

                  if (g_str_equal (json_object_get_string_member (message, "direction"), "inbound"))
                    found++;
                }
              /* The demo's history of this sender comes before. */
              found -= td_test_db_int (platform, "SELECT count (*) FROM messages m JOIN texts t ON t.id = m.text_id "
                                                 "WHERE t.phone = '%s' AND m.account_id = %s AND m.direction = 'inbound' "
                                                 "AND t.gateway_sid NOT LIKE 'SMcorpus%%'", phone, account_id);
            }

          g_assert_cmpuint (found, ==, expected);
        }
    }

  td_test_platform_stop (platform);

  for (guint c = 0; c < 2; c++)
    {
      g_free (codes[c].secret);
      g_hash_table_unref (codes[c].keywords);
      g_hash_table_unref (codes[c].opted_out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/platform/corpus/all-texts-routed", test_corpus);

  return g_test_run ();
}
