/* td-platform-commands.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <libsoup/soup.h>

#include "td-platform-auth.h"
#include "td-platform-commands.h"
#include "td-platform-demo-traffic.h"
#include "td-platform-handlers.h"
#include "td-platform-seed.h"
#include "td-platform-server.h"
#include "td-platform-traffic.h"

typedef int (*TdCommandFunc) (int argc, char **argv);

typedef struct
{
  const char    *name;
  const char    *summary;
  TdCommandFunc  func;
} TdCommand;

#define DEFAULT_LISTEN "127.0.0.1:8019"

static gboolean
parse_options (GOptionEntry  *entries,
               const char    *parameter,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
split_listen (const char  *listen,
              char       **out_host,
              guint       *out_port)
{
  const char *colon = strrchr (listen, ':');
  guint64 port;
  char *end = NULL;

  if (colon == NULL || colon == listen)
    return FALSE;

  port = g_ascii_strtoull (colon + 1, &end, 10);
  if (end == colon + 1 || *end != '\0' || port > 65535)
    return FALSE;

  if (listen[0] == '[' && colon[-1] == ']')
    *out_host = g_strndup (listen + 1, colon - listen - 2);
  else
    *out_host = g_strndup (listen, colon - listen);
  *out_port = port;

  return TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

static int
command_serve (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *host = NULL;
  g_autofree char *url = NULL;
  g_autofree char *twilio_url = NULL;
  g_autofree char *twilio_sid = NULL;
  g_auto(GStrv) gateways = NULL;
  gboolean demo = FALSE;
  gboolean no_traffic = FALSE;
  int rate_limit = -1;
  int body_limit = -1;
  int heartbeat = 15;
  int retention = -1;
  int delivery_delay = -1;
  int traffic_ms = 4000;
  guint port = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlatformDb) db = NULL;
  g_autoptr(TdPlatformServer) server = NULL;
  g_autoptr(TdPlatformDemoTraffic) traffic = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file (created if missing)"),
      N_("FILE") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      N_("Address and port to listen on (default 127.0.0.1:8019; port 0 picks a free one)"),
      N_("HOST:PORT") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Seed the demo data into an empty database and make gentle demo traffic"), NULL },
    { "no-traffic", 0, 0, G_OPTION_ARG_NONE, &no_traffic, N_("With --demo: no simulated traffic"),
      NULL },
    { "traffic-interval", 0, 0, G_OPTION_ARG_INT, &traffic_ms,
      N_("With --demo: about how often a simulated text arrives"), N_("MS") },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit,
      N_("Requests a minute a token may make (0: no limit)"), N_("N") },
    { "body-limit", 0, 0, G_OPTION_ARG_INT, &body_limit, N_("Largest request body accepted"),
      N_("BYTES") },
    { "heartbeat", 0, 0, G_OPTION_ARG_INT, &heartbeat,
      N_("Seconds between event stream heartbeats"), N_("SECONDS") },
    { "event-retention", 0, 0, G_OPTION_ARG_INT, &retention,
      N_("How many events are kept for resuming streams"), N_("N") },
    { "delivery-delay", 0, 0, G_OPTION_ARG_INT, &delivery_delay,
      N_("How long the outbox gateway takes to deliver"), N_("MS") },
    { "gateway", 0, 0, G_OPTION_ARG_STRING_ARRAY, &gateways,
      N_("Send a short code’s texts through a gateway (outbox or twilio)"), N_("CODE=GATEWAY") },
    { "twilio-url", 0, 0, G_OPTION_ARG_STRING, &twilio_url,
      N_("Base URL of the Twilio-compatible API"), N_("URL") },
    { "twilio-account-sid", 0, 0, G_OPTION_ARG_STRING, &twilio_sid,
      N_("Account SID for the Twilio-compatible API"), N_("SID") },
    { NULL }
  };

  if (!parse_options (entries, "", &argc, &argv))
    return 1;

  if (db_path == NULL)
    {
      g_printerr (_("serve: --db FILE is required\n"));
      return 1;
    }

  if (!split_listen (listen ? listen : DEFAULT_LISTEN, &host, &port))
    {
      g_printerr (_("serve: “%s” is not HOST:PORT\n"), listen);
      return 1;
    }

  if (!td_platform_auth_init (&error))
    goto fail;

  db = td_platform_db_open (db_path, &error);
  if (db == NULL)
    goto fail;

  server = td_platform_server_new (db);
  if (rate_limit >= 0)
    td_platform_server_set_rate_limit (server, rate_limit);
  if (body_limit > 0)
    td_platform_server_set_body_limit (server, body_limit);
  td_platform_events_set_heartbeat (td_platform_server_get_events (server), MAX (heartbeat, 1));
  if (retention > 0)
    td_platform_events_set_retention (td_platform_server_get_events (server), retention);
  if (delivery_delay >= 0)
    td_platform_outbox_set_delivery_delay (td_platform_server_get_outbox (server), delivery_delay);

  if (demo)
    {
      gboolean empty = FALSE;

      if (!td_platform_seed_is_empty (db, &empty, &error))
        goto fail;
      td_platform_events_set_muted (td_platform_server_get_events (server), TRUE);
      if (empty && !td_platform_seed_demo (db, td_platform_server_get_pipeline (server),
                                           td_platform_server_get_outbox (server), &error))
        goto fail;
      td_platform_events_set_muted (td_platform_server_get_events (server), FALSE);
    }

  for (guint i = 0; gateways != NULL && gateways[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (gateways[i], "=", 2);

      if (g_strv_length (parts) != 2 ||
          (!g_str_equal (parts[1], "outbox") && !g_str_equal (parts[1], "twilio")))
        {
          g_printerr (_("serve: “%s” is not CODE=outbox or CODE=twilio\n"), gateways[i]);
          return 1;
        }
      if (!td_platform_db_run (db, &error, "UPDATE short_codes SET gateway = ?2 WHERE code = ?1",
                               "tt", parts[0], parts[1]))
        goto fail;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  if (!td_platform_server_listen (server, host, port, &error))
    goto fail;

  url = td_platform_server_get_url (server);

  if (twilio_url != NULL)
    {
      g_autofree char *callback = g_strconcat (url, "/gateway/twilio/status", NULL);

      td_platform_outbox_set_twilio (td_platform_server_get_outbox (server), twilio_url,
                                     twilio_sid, callback);
    }

  /* Programs read this line to find the server: it is not translated. */
  printf ("listening on %s\n", url);
  fflush (stdout);

  if (demo && !no_traffic)
    {
      traffic = td_platform_demo_traffic_new (db, server);
      td_platform_demo_traffic_start (traffic, MAX (traffic_ms, 100) * 3 / 4,
                                      MAX (traffic_ms, 100) * 5 / 4);
    }

  g_main_loop_run (loop);

  g_clear_object (&traffic);
  td_platform_server_stop (server);

  return 0;

fail:
  g_printerr (_("serve: %s\n"), error->message);
  return 1;
}

static int
command_token (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlatformDb) db = NULL;
  sqlite3_stmt *stmt;
  gint64 user_id = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("FILE") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The user’s email address"), N_("EMAIL") },
    { NULL }
  };

  if (!parse_options (entries, "", &argc, &argv))
    return 1;

  if (db_path == NULL || email == NULL)
    {
      g_printerr (_("token: --db FILE and --email EMAIL are required\n"));
      return 1;
    }

  db = td_platform_db_open (db_path, &error);
  if (db == NULL)
    goto fail;

  stmt = td_platform_db_query (db, &error, "SELECT id FROM users WHERE email = ?1", "t", email);
  if (stmt == NULL)
    goto fail;
  if (td_platform_db_step (db, stmt, &error) == SQLITE_ROW)
    user_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (user_id == 0)
    {
      g_printerr (_("token: no user has the address %s\n"), email);
      return 1;
    }

  token = td_platform_auth_create_token (db, user_id, &error);
  if (token == NULL)
    goto fail;

  printf ("%s\n", token);

  return 0;

fail:
  g_printerr (_("token: %s\n"), error->message);
  return 1;
}

static int
command_secret (int    argc,
                char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlatformDb) db = NULL;
  g_autoptr(TdPlatformShortCode) sc = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("FILE") },
    { "short-code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The short code"), N_("CODE") },
    { NULL }
  };

  if (!parse_options (entries, "", &argc, &argv))
    return 1;

  if (db_path == NULL || code == NULL)
    {
      g_printerr (_("secret: --db FILE and --short-code CODE are required\n"));
      return 1;
    }

  db = td_platform_db_open (db_path, &error);
  if (db == NULL)
    goto fail;

  sc = td_platform_short_code_lookup (db, code, -1, &error);
  if (sc == NULL)
    goto fail;

  printf ("%s\n", sc->secret);

  return 0;

fail:
  g_printerr (_("secret: %s\n"), error->message);
  return 1;
}

static int
command_simulate (int    argc,
                  char **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *code = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *corpus = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(TdPlatformTraffic) traffic = NULL;
  double rate = 2.0;
  int count = 20;
  int seed = 0;
  guint failures = 0;
  static const char *const keywords[] = {
    "ROCK", "TICKETS", "CONCERT", "SONG", "DEALS", "SAVE", "COFFEE", "GAMEDAY", "GAME", "SEASON",
    NULL
  };
  static const char *const expired[] = { "SUMMER", "TRIVIA", "PIZZA", "FRIDAY", "JERSEY",
                                         "PLAYOFFS", NULL };
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The platform’s base URL"), N_("URL") },
    { "short-code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The short code to text"), N_("CODE") },
    { "secret", 0, 0, G_OPTION_ARG_STRING, &secret, N_("The short code’s webhook secret"),
      N_("SECRET") },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate, N_("Texts a second (0: as fast as possible)"),
      N_("N") },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("How many texts to send"), N_("N") },
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &corpus, N_("A file of texts to mix in, one a line"),
      N_("FILE") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the made-up traffic (0: the time)"),
      N_("N") },
    { NULL }
  };

  if (!parse_options (entries, "", &argc, &argv))
    return 1;

  if (url == NULL || code == NULL || secret == NULL)
    {
      g_printerr (_("simulate: --url, --short-code and --secret are required\n"));
      return 1;
    }

  traffic = td_platform_traffic_new (seed ? (guint32) seed : (guint32) g_get_real_time (),
                                     keywords, expired);
  if (corpus != NULL)
    {
      g_autoptr(GPtrArray) lines = td_platform_traffic_load_corpus (corpus, &error);

      if (lines == NULL)
        {
          g_printerr (_("simulate: %s\n"), error->message);
          return 1;
        }
      td_platform_traffic_set_corpus (traffic, lines);
    }

  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  endpoint = g_strdup_printf ("%s/gateway/twilio/%s", url, code);
  session = soup_session_new_with_options ("timeout", 30, NULL);

  for (int i = 0; i < count; i++)
    {
      g_autoptr(GHashTable) form = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) send_error = NULL;
      g_autofree char *from = NULL;
      g_autofree char *body = td_platform_traffic_next (traffic, &from);
      g_autofree char *sid = NULL;
      g_autofree char *signature = NULL;
      guint8 random[16];

      for (guint j = 0; j < sizeof random; j++)
        random[j] = g_random_int_range (0, 256);
      sid = g_strdup_printf ("SM%08x%08x%08x%08x", *(guint32 *) random, *(guint32 *) (random + 4),
                             *(guint32 *) (random + 8), *(guint32 *) (random + 12));

      g_hash_table_insert (form, (gpointer) "MessageSid", g_strdup (sid));
      g_hash_table_insert (form, (gpointer) "AccountSid", g_strdup ("ACtextdesk"));
      g_hash_table_insert (form, (gpointer) "From", g_strdup (from));
      g_hash_table_insert (form, (gpointer) "To", g_strdup (code));
      g_hash_table_insert (form, (gpointer) "Body", g_strdup (body));
      g_hash_table_insert (form, (gpointer) "NumMedia", g_strdup ("0"));

      signature = td_platform_twilio_signature (secret, endpoint, form);
      msg = soup_message_new_from_encoded_form (SOUP_METHOD_POST, endpoint,
                                                soup_form_encode_hash (form));
      if (msg == NULL)
        {
          g_printerr (_("simulate: “%s” is not a valid URL\n"), endpoint);
          return 1;
        }
      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "X-Twilio-Signature", signature);

      answer = soup_session_send_and_read (session, msg, NULL, &send_error);
      if (answer == NULL)
        {
          g_printerr (_("simulate: %s\n"), send_error->message);
          return 1;
        }
      if (soup_message_get_status (msg) != SOUP_STATUS_OK)
        {
          failures++;
          g_printerr (_("simulate: text %d refused with HTTP %u\n"), i + 1,
                      soup_message_get_status (msg));
        }
      else
        g_print (_("%s → %s: %s\n"), from, code, body);

      if (rate > 0 && i + 1 < count)
        g_usleep ((gulong) (G_USEC_PER_SEC / rate));
    }

  return failures == 0 ? 0 : 1;
}

static const TdCommand commands[] = {
  { "serve", N_("Serve the platform API over HTTP"), command_serve },
  { "token", N_("Print a new API token for a user"), command_token },
  { "secret", N_("Print the webhook secret of a short code"), command_secret },
  { "simulate", N_("Send signed inbound texts, as a gateway would"), command_simulate },
};

static void
print_help (void)
{
  g_print (_("Usage:\n  textdesk-platform COMMAND [OPTION…]\n\n"));
  g_print (_("The Textdesk SMS campaign platform and its REST API.\n\n"));
  g_print (_("Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, _(commands[i].summary));

  g_print (_("\nRun “textdesk-platform COMMAND --help” for a command’s options.\n"));
}

int
td_platform_run (int    argc,
                 char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_help ();
      return argc < 2 ? 1 : 0;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("textdesk-platform %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  g_printerr (_("Unknown command “%s”. Run “textdesk-platform --help”.\n"), argv[1]);
  return 1;
}
