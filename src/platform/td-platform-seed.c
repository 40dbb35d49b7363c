/* td-platform-seed.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-seed"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-platform-auth.h"
#include "td-platform-error.h"
#include "td-platform-seed.h"
#include "td-platform-traffic.h"

/* The same demo every time: history comes from a fixed seed. */
#define SEED 20261204
#define DAY_MS (24 * 3600 * G_GINT64_CONSTANT (1000))
#define HISTORY_DAYS 21
#define TEXTS_PER_CODE 1600
#define DEMO_PASSWORD "demo"

typedef struct
{
  const char *name;
  const char *keywords;           /* space separated */
  const char *status;
  const char *list;
  const char *auto_response;
  const char *expired_response;
  const char *redirect;           /* another campaign's name */
  int         ended_days_ago;     /* 0: no end */
} CampaignDef;

typedef struct
{
  const char        *name;
  const char        *code;
  const char *const *users;       /* email, name, role, ... */
  const char *const *lists;       /* name, description, ... */
  const char *const *fields;      /* key, name, type, ... */
  const CampaignDef *campaigns;
  guint              n_campaigns;
  guint              first_phone;
  guint              n_phones;
} AccountDef;

static const char *const wave_users[] = {
  "admin@wave.example", "Maya Okafor", "admin",
  "staff@wave.example", "Leo Brandt", "member",
  NULL
};
static const char *const wave_lists[] = {
  "Rock Fans", "Listeners who joined Rock Weekend",
  "Contest Entrants", "Everyone who entered a ticket giveaway",
  "Request Line", "Listeners who text song requests",
  "VIP Listeners", "Hand-picked listeners for studio visits",
  NULL
};
static const char *const wave_fields[] = {
  "favorite_genre", "Favorite genre", "text",
  "birthday", "Birthday", "date",
  "zip", "ZIP code", "text",
  "vip", "VIP", "boolean",
  NULL
};
static const CampaignDef wave_campaigns[] = {
  { "Rock Weekend", "ROCK", "active", "Rock Fans",
    "Wave 101.9: You're in for Rock Weekend! Listen Sat 10am for the kickoff. Reply STOP to opt "
    "out.",
    "", NULL, 0 },
  { "Concert Tickets", "TICKETS CONCERT", "active", "Contest Entrants",
    "Wave 101.9: You're entered to win 2 concert tickets. Winners called Friday! Reply STOP to opt "
    "out.",
    "", NULL, 0 },
  { "Request Line", "SONG", "active", "Request Line",
    "Wave 101.9: Got it! Text your request and we'll try to play it. Reply STOP to opt out.",
    "", NULL, 0 },
  { "Morning Trivia", "TRIVIA", "paused", "Contest Entrants",
    "Wave 101.9: Trivia is on! Answer tomorrow at 7:40am.",
    "Morning Trivia is taking a break. Text TICKETS to win concert tickets!", NULL, 0 },
  { "Summer Giveaway", "SUMMER", "active", "Contest Entrants",
    "Wave 101.9: You're in the Summer Giveaway draw!",
    "The Summer Giveaway has ended. Text TICKETS to win concert tickets instead!",
    "Concert Tickets", 10 },
};

static const char *const metro_users[] = {
  "admin@metro.example", "Priya Raman", "admin",
  NULL
};
static const char *const metro_lists[] = {
  "Deal Hunters", "Weekly deal alerts",
  "Coffee Club", "Coffee Club members",
  "Store Staff Picks", "Customers who asked for staff picks",
  NULL
};
static const char *const metro_fields[] = {
  "zip", "ZIP code", "text",
  "loyalty_points", "Loyalty points", "number",
  "preferred_store", "Preferred store", "text",
  NULL
};
static const CampaignDef metro_campaigns[] = {
  { "Weekly Deals", "DEALS SAVE", "active", "Deal Hunters",
    "Metro Deals: Welcome! Expect 1-2 deals a week. Msg&data rates may apply. Reply STOP to "
    "cancel.",
    "", NULL, 0 },
  { "Coffee Club", "COFFEE", "active", "Coffee Club",
    "Metro Deals: Your 10th coffee is on us. Show this text at any Metro store. Reply STOP to "
    "cancel.",
    "", NULL, 0 },
  { "Pizza Night", "PIZZA", "paused", "Deal Hunters",
    "Metro Deals: 2-for-1 pizza every Thursday!",
    "Pizza Night is on pause. Text DEALS for this week's deals.", NULL, 0 },
  { "Black Friday", "FRIDAY", "expired", "Deal Hunters",
    "Metro Deals: Black Friday early access is yours!",
    "Black Friday is over. Text DEALS for this week's deals!", "Weekly Deals", 0 },
};

static const char *const sports_users[] = {
  "admin@sports.example", "Sam Delgado", "admin",
  NULL
};
static const char *const sports_lists[] = {
  "Game Day Alerts", "Fans who want game day news",
  "Season Ticket Leads", "Fans asking about season tickets",
  NULL
};
static const char *const sports_fields[] = {
  "favorite_team", "Favorite team", "text",
  "season_holder", "Season ticket holder", "boolean",
  "zip", "ZIP code", "text",
  NULL
};
static const CampaignDef sports_campaigns[] = {
  { "Game Day", "GAMEDAY GAME", "active", "Game Day Alerts",
    "City Sports: You'll get game day alerts and gear deals. Reply STOP to cancel.",
    "", NULL, 0 },
  { "Season Tickets", "SEASON", "active", "Season Ticket Leads",
    "City Sports: A ticket rep will text you about season seats. Reply STOP to cancel.",
    "", NULL, 0 },
  { "Jersey Sale", "JERSEY", "paused", "Game Day Alerts",
    "City Sports: 30% off all jerseys this week!",
    "", NULL, 0 },
  { "Playoffs 2025", "PLAYOFFS", "expired", "Game Day Alerts",
    "City Sports: Playoff ticket presale unlocked!",
    "Playoff presale has ended. Text SEASON to hear about next season's seats.",
    "Season Tickets", 0 },
};

static const AccountDef accounts[] = {
  { "Wave 101.9 FM", "41019", wave_users, wave_lists, wave_fields,
    wave_campaigns, G_N_ELEMENTS (wave_campaigns), 100, 420 },
  { "Metro Deals", "72000", metro_users, metro_lists, metro_fields,
    metro_campaigns, G_N_ELEMENTS (metro_campaigns), 1000, 300 },
  { "City Sports", "72000", sports_users, sports_lists, sports_fields,
    sports_campaigns, G_N_ELEMENTS (sports_campaigns), 1200, 300 },
};

static const char *const first_names[] = {
  "Ava", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jamal",
  "Kira", "Liam", "Mei", "Noah", "Olivia", "Pavel", "Quinn", "Rosa", "Sven", "Tara",
  "Umar", "Vera", "Wes", "Xin", "Yara", "Zane", "Abby", "Marcus", "Nina", "Owen",
};
static const char *const last_names[] = {
  "Adams", "Brooks", "Castillo", "Diaz", "Eriksen", "Foster", "Garcia", "Hughes",
  "Ivanova", "Jensen", "Kim", "Lopez", "Morgan", "Nguyen", "Ortiz", "Patel",
  "Quigley", "Reyes", "Schmidt", "Turner", "Usman", "Vance", "Walsh", "Young",
};
static const char *const genres[] = { "rock", "classic rock", "indie", "metal", "blues", "pop" };
static const char *const stores[] = { "Downtown", "Riverside", "Northgate", "Airport" };
static const char *const teams[] = { "City FC", "River Hawks", "Metro Giants" };
static const char *const replies[] = {
  "Thanks for listening! We'll see what we can do.",
  "Hi! Yes, we're open 9-9 every day.",
  "Great question: doors open at 6pm.",
  "Thanks! Passing it on to the team.",
  "Sorry about that! Try the code again now, it should work.",
  "You bet, we'll play it after the news.",
};

gboolean
td_platform_seed_is_empty (TdPlatformDb  *db,
                           gboolean      *out_empty,
                           GError       **error)
{
  sqlite3_stmt *stmt = td_platform_db_query (db, error, "SELECT count (*) FROM accounts", NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = td_platform_db_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    *out_empty = sqlite3_column_int64 (stmt, 0) == 0;
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static gint64
lookup_id (TdPlatformDb *db,
           const char   *sql,
           gint64        scope,
           const char   *name)
{
  sqlite3_stmt *stmt = td_platform_db_query (db, NULL, sql, "it", scope, name);
  gint64 id = 0;

  if (stmt != NULL && td_platform_db_step (db, stmt, NULL) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return id;
}

static gboolean
seed_structure (TdPlatformDb  *db,
                gint64         now,
                GPtrArray     *password_hashes,
                GError       **error)
{
  guint user_index = 0;

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      const AccountDef *def = &accounts[a];
      gint64 account_id;
      gint64 code_id;

      if (!td_platform_db_run (db, error,
                               "INSERT INTO accounts (name, created_at) VALUES (?1, ?2)",
                               "ti", def->name, now - 400 * DAY_MS))
        return FALSE;
      account_id = td_platform_db_last_insert_id (db);

      code_id = lookup_id (db, "SELECT id FROM short_codes WHERE ?1 = ?1 AND code = ?2", 0,
                           def->code);
      if (code_id == 0)
        {
          g_autofree char *secret = td_platform_auth_random_secret ();
          gboolean shared = g_str_equal (def->code, "72000");

          if (!td_platform_db_run (db, error,
                                   "INSERT INTO short_codes (code, kind, text_chat, "
                                   "fallback_response, "
                                   "help_response, stop_response, start_response, secret, "
                                   "created_at, updated_at) VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, "
                                   "?8, ?8)",
                                   "ttttttti", def->code, shared ? "shared" : "dedicated",
                                   shared
                                   ? "Thanks for your text! Text DEALS for Metro Deals or GAMEDAY "
                                     "for City Sports alerts. Reply HELP for help."
                                   : "Thanks for texting Wave 101.9 FM! Text ROCK for Rock Weekend "
                                     "or TICKETS to win concert tickets.",
                                   shared
                                   ? "72000: alerts from Metro Deals and City Sports. Msg&data "
                                     "rates may apply. Reply STOP to cancel."
                                   : "Wave 101.9 FM text line. Msg&data rates may apply. Reply "
                                     "STOP to opt out. Studio: 555-0100.",
                                   shared
                                   ? "You're unsubscribed from 72000 and will get no more "
                                     "messages. Reply START to resubscribe."
                                   : "Wave 101.9 FM: You're unsubscribed and will get no more "
                                     "texts. Reply START to resubscribe.",
                                   shared
                                   ? "You're subscribed to 72000 again. Reply STOP to cancel."
                                   : "Wave 101.9 FM: Welcome back! Reply STOP to opt out.",
                                   secret, now - 400 * DAY_MS))
            return FALSE;
          code_id = td_platform_db_last_insert_id (db);
        }

      if (!td_platform_db_run (db, error,
                               "INSERT INTO short_code_accounts (short_code_id, account_id) VALUES "
                               "(?1, ?2)",
                               "ii", code_id, account_id))
        return FALSE;

      for (guint i = 0; def->users[i] != NULL; i += 3)
        if (!td_platform_db_run (db, error,
                                 "INSERT INTO users (account_id, email, name, role, password_hash, "
                                 "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 "itttti",
                                 account_id, def->users[i], def->users[i + 1], def->users[i + 2],
                                 (const char *) g_ptr_array_index (password_hashes, user_index++),
                                 now - 300 * DAY_MS))
          return FALSE;

      for (guint i = 0; def->lists[i] != NULL; i += 2)
        if (!td_platform_db_run (db, error,
                                 "INSERT INTO lists (account_id, name, description, created_at, "
                                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                                 "itti", account_id, def->lists[i], def->lists[i + 1],
                                 now - 200 * DAY_MS + i * 3600000))
          return FALSE;

      for (guint i = 0; def->fields[i] != NULL; i += 3)
        if (!td_platform_db_run (db, error,
                                 "INSERT INTO fields (account_id, key, name, type, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                                 "ittti",
                                 account_id, def->fields[i], def->fields[i + 1], def->fields[i + 2],
                                 now - 200 * DAY_MS))
          return FALSE;

      for (guint c = 0; c < def->n_campaigns; c++)
        {
          const CampaignDef *cd = &def->campaigns[c];
          g_auto(GStrv) keywords = g_strsplit (cd->keywords, " ", -1);
          gint64 list_id = lookup_id (db,
                                      "SELECT id FROM lists WHERE account_id = ?1 AND name = ?2",
                                      account_id, cd->list);
          gint64 campaign_id;

          if (!td_platform_db_run (db, error,
                                   "INSERT INTO campaigns (account_id, short_code_id, name, "
                                   "status, "
                                   "list_id, auto_response, expired_response, starts_at, ends_at, "
                                   "created_at, updated_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                                   "iittkttiki",
                                   account_id, code_id, cd->name, cd->status, list_id,
                                   cd->auto_response, cd->expired_response,
                                   now - 60 * DAY_MS,
                                   cd->ended_days_ago > 0 ? now - cd->ended_days_ago * DAY_MS
                                   : (gint64) 0,
                                   now - 60 * DAY_MS + c * 3600000))
            return FALSE;
          campaign_id = td_platform_db_last_insert_id (db);

          for (guint k = 0; keywords[k] != NULL; k++)
            if (!td_platform_db_run (db, error,
                                     "INSERT INTO keywords (short_code_id, keyword, campaign_id, "
                                     "position) "
                                     "VALUES (?1, ?2, ?3, ?4)",
                                     "itii", code_id, keywords[k], campaign_id, (gint64) k))
              return FALSE;
        }

      for (guint c = 0; c < def->n_campaigns; c++)
        if (def->campaigns[c].redirect != NULL &&
            !td_platform_db_run (db, error,
                                 "UPDATE campaigns SET redirect_campaign_id = (SELECT id FROM "
                                 "campaigns "
                                 "WHERE account_id = ?1 AND name = ?3) WHERE account_id = ?1 AND "
                                 "name = ?2",
                                 "itt", account_id, def->campaigns[c].name,
                                 def->campaigns[c].redirect))
          return FALSE;
    }

  return TRUE;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static GStrv
keywords_of_code (TdPlatformDb *db,
                  const char   *code,
                  gboolean      expired)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  stmt = td_platform_db_query (db, NULL,
                               "SELECT k.keyword FROM keywords k JOIN short_codes sc ON sc.id = "
                               "k.short_code_id "
                               "JOIN campaigns c ON c.id = k.campaign_id WHERE sc.code = ?1 "
                               "AND (c.status <> 'active' OR c.ends_at IS NOT NULL) = ?2 ORDER BY "
                               "k.keyword",
                               "tb", code, expired);
  while (stmt != NULL && td_platform_db_step (db, stmt, NULL) == SQLITE_ROW)
    g_strv_builder_add (builder, td_platform_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}

static gboolean
seed_history (TdPlatformDb        *db,
              TdPlatformPipeline  *pipeline,
              TdPlatformOutbox    *outbox,
              const char          *code,
              guint                first_phone,
              guint                n_phones,
              guint32              seed,
              gint64               now,
              GError             **error)
{
  g_autoptr(TdPlatformShortCode) sc = td_platform_short_code_lookup (db, code, -1, error);
  g_auto(GStrv) keywords = NULL;
  g_auto(GStrv) expired = NULL;
  g_autoptr(TdPlatformTraffic) traffic = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  GRand *rand;

  if (sc == NULL)
    return FALSE;

  keywords = keywords_of_code (db, code, FALSE);
  expired = keywords_of_code (db, code, TRUE);
  traffic = td_platform_traffic_new (seed, (const char * const *) keywords,
                                     (const char * const *) expired);
  td_platform_traffic_set_phones (traffic, first_phone, n_phones);
  rand = td_platform_traffic_get_rand (traffic);

  for (guint i = 0; i < TEXTS_PER_CODE; i++)
    {
      /* More traffic lately, as a campaign picks up. */
      double x = g_rand_double (rand);
      gint64 t = now - 10 * 60000 - (gint64) (x * x * HISTORY_DAYS * DAY_MS);

      g_array_append_val (times, t);
    }
  g_array_sort (times, compare_times);

  for (guint i = 0; i < times->len; i++)
    {
      gint64 t = g_array_index (times, gint64, i);
      gint64 next = i + 1 < times->len ? g_array_index (times, gint64, i + 1) : now;
      g_autofree char *from = NULL;
      g_autofree char *body = td_platform_traffic_next (traffic, &from);
      g_autofree char *sid = g_strdup_printf ("SMseed%s%06u", code, i);
      TdPlatformRoute route;

      if (!td_platform_pipeline_receive (pipeline, sc, sid, from, body, t, &route, error))
        return FALSE;

      /* A person answers some of the texts that reached the stream. */
      if (route == TD_PLATFORM_ROUTE_STREAM && g_rand_int_range (rand, 0, 100) < 35)
        {
          sqlite3_stmt *stmt;
          gint64 reply_at = t + MIN ((next - t) / 2, 10 * 60000);
          g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (gint64) * 4);
          const char *reply = replies[g_rand_int_range (rand, 0, G_N_ELEMENTS (replies))];

          stmt = td_platform_db_query (db, error,
                                       "SELECT m.account_id, m.conversation_id, m.subscriber_id, "
                                       "(SELECT min (u.id) FROM users u WHERE u.account_id = "
                                       "m.account_id) "
                                       "FROM messages m JOIN texts t ON t.id = m.text_id "
                                       "WHERE t.gateway_sid = ?1",
                                       "t", sid);
          if (stmt == NULL)
            return FALSE;
          while (td_platform_db_step (db, stmt, NULL) == SQLITE_ROW)
            {
              gint64 row[4] = {
                sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
              };

              g_array_append_val (targets, row);
            }
          sqlite3_reset (stmt);

          for (guint j = 0; j < targets->len && j < 1; j++)
            {
              gint64 *row = &g_array_index (targets, gint64, 4 * j);
              g_autoptr(GError) send_error = NULL;
              TdPlatformMessageSpec spec = {
                .account_id = row[0],
                .conversation_id = row[1],
                .subscriber_id = row[2],
                .direction = "outbound",
                .sent_by_user_id = row[3],
                .created_at = reply_at,
              };
              g_autofree char *phone = g_strdup (from);
              g_autofree char *normalized = g_strdup_printf ("%s", phone);

              spec.text_id = td_platform_outbox_enqueue (outbox, sc->id, normalized, reply, FALSE,
                                                         reply_at, &send_error);
              if (spec.text_id == 0)
                {
                  if (g_error_matches (send_error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_OPTED_OUT))
                    continue;
                  g_propagate_error (error, g_steal_pointer (&send_error));
                  return FALSE;
                }
              if (td_platform_pipeline_add_message (pipeline, &spec, error) == 0 ||
                  !td_platform_pipeline_publish_changes (pipeline, error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
seed_people (TdPlatformDb  *db,
             guint32        seed,
             GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  GRand *rand = g_rand_new_with_seed (seed);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  stmt = td_platform_db_query (db, error,
                               "SELECT s.id, s.account_id FROM subscribers s ORDER BY s.id", NULL);
  if (stmt == NULL)
    goto out;
  while (td_platform_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      gint64 row[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 *row = &g_array_index (rows, gint64, 2 * i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *fields = NULL;
      const char *first = "";
      const char *last = "";
      g_autofree char *zip = g_strdup_printf ("%05d", g_rand_int_range (rand, 10001, 99950));

      if (g_rand_int_range (rand, 0, 100) < 85)
        {
          first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
          last = last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
        }

      json_builder_begin_object (builder);
      if (g_rand_int_range (rand, 0, 100) < 70)
        {
          json_builder_set_member_name (builder, "zip");
          json_builder_add_string_value (builder, zip);
        }
      switch (row[1])
        {
        case 1:
          json_builder_set_member_name (builder, "favorite_genre");
          json_builder_add_string_value (builder, genres[g_rand_int_range (rand, 0,
                                                                           G_N_ELEMENTS (genres))]);
          if (g_rand_int_range (rand, 0, 100) < 40)
            {
              g_autofree char *birthday = g_strdup_printf ("%04d-%02d-%02d",
                                                           g_rand_int_range (rand, 1960, 2006),
                                                           g_rand_int_range (rand, 1, 13),
                                                           g_rand_int_range (rand, 1, 29));

              json_builder_set_member_name (builder, "birthday");
              json_builder_add_string_value (builder, birthday);
            }
          json_builder_set_member_name (builder, "vip");
          json_builder_add_boolean_value (builder, g_rand_int_range (rand, 0, 100) < 10);
          break;

        case 2:
          json_builder_set_member_name (builder, "loyalty_points");
          json_builder_add_int_value (builder, g_rand_int_range (rand, 0, 2500));
          json_builder_set_member_name (builder, "preferred_store");
          json_builder_add_string_value (builder, stores[g_rand_int_range (rand, 0,
                                                                           G_N_ELEMENTS (stores))]);
          break;

        default:
          json_builder_set_member_name (builder, "favorite_team");
          json_builder_add_string_value (builder, teams[g_rand_int_range (rand, 0,
                                                                          G_N_ELEMENTS (teams))]);
          json_builder_set_member_name (builder, "season_holder");
          json_builder_add_boolean_value (builder, g_rand_int_range (rand, 0, 100) < 15);
          break;
        }
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      fields = json_to_string (node, FALSE);

      if (!td_platform_db_run (db, error,
                               "UPDATE subscribers SET first_name = ?2, last_name = ?3, fields = "
                               "?4 "
                               "WHERE id = ?1",
                               "ittt", row[0], first, last, fields))
        goto out;
    }

  ok = TRUE;

out:
  g_rand_free (rand);
  return ok;
}

/**
 * td_platform_seed_demo:
 *
 * Fills an empty database with the demo accounts of the contract and a few
 * weeks of history, made by running made-up texts through the real inbound
 * pipeline, so that the data obeys the rules. The same every time.
 */
gboolean
td_platform_seed_demo (TdPlatformDb        *db,
                       TdPlatformPipeline  *pipeline,
                       TdPlatformOutbox    *outbox,
                       GError             **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  gint64 now = td_platform_now_ms ();
  guint n_users = 0;

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    n_users += g_strv_length ((GStrv) accounts[a].users) / 3;

  /* Hashing is the slow part (Argon2id, on purpose). Every demo user has
   * the same published password, so one hash serves them all: a salt of
   * their own would protect nothing.
   */
  {
    g_autofree char *hash = td_platform_auth_hash_password (DEMO_PASSWORD, error);

    if (hash == NULL)
      return FALSE;
    for (guint i = 0; i < n_users; i++)
      g_ptr_array_add (hashes, g_strdup (hash));
  }

  g_debug ("Demo seed: passwords hashed after %.2f s", (td_platform_now_ms () - now) / 1000.0);

  if (!td_platform_db_begin (db, error))
    return FALSE;

  if (!seed_structure (db, now, hashes, error) ||
      !seed_history (db, pipeline, outbox, "41019", 100, 420, SEED, now, error) ||
      !seed_history (db, pipeline, outbox, "72000", 1000, 560, SEED + 1, now, error) ||
      !seed_people (db, SEED + 2, error))
    goto fail;

  /* Some listeners were imported to a list by hand. */
  if (!td_platform_db_run (db, error,
                           "INSERT OR IGNORE INTO list_members (list_id, subscriber_id, source, "
                           "added_at) "
                           "SELECT l.id, s.id, 'import', ?1 FROM lists l JOIN subscribers s "
                           "ON s.account_id = l.account_id WHERE l.name = 'VIP Listeners' "
                           "AND s.id % 9 = 0",
                           "i", now - 3 * DAY_MS) ||
      !td_platform_db_run (db, error,
                           "UPDATE lists SET subscriber_count = (SELECT count (*) FROM "
                           "list_members "
                           "WHERE list_id = lists.id)", NULL))
    goto fail;

  /* The history was delivered long ago (a few texts were not); it was
   * read, except for the last two days.
   */
  if (!td_platform_db_run (db, error,
                           "UPDATE texts SET status = CASE WHEN id % 53 = 0 THEN 'undelivered' "
                           "ELSE 'delivered' END, error_code = CASE WHEN id % 53 = 0 THEN '30003' "
                           "END, "
                           "next_attempt_at = NULL, updated_at = created_at + 1500, attempts = 1 "
                           "WHERE direction = 'outbound' AND status = 'queued'", NULL) ||
      !td_platform_db_run (db, error,
                           "UPDATE conversations SET last_read_message_id = last_message_id, "
                           "unread_count = 0 WHERE updated_at < ?1",
                           "i", now - 2 * DAY_MS) ||
      !td_platform_db_run (db, error,
                           "UPDATE conversation_campaigns SET unread_count = (SELECT count (*) "
                           "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                           "WHERE m.conversation_id = conversation_campaigns.conversation_id "
                           "AND m.campaign_id = conversation_campaigns.campaign_id "
                           "AND m.direction = 'inbound' AND m.id > c.last_read_message_id)",
                           NULL) ||
      !td_platform_db_run (db, error,
                           "UPDATE campaigns SET unread_count = COALESCE ((SELECT sum "
                           "(unread_count) "
                           "FROM conversation_campaigns WHERE campaign_id = campaigns.id), 0)",
                           NULL) ||
      !td_platform_db_run (db, error, "DELETE FROM events", NULL))
    goto fail;

  if (!td_platform_db_commit (db, error))
    return FALSE;

  g_debug ("Demo seed: done after %.2f s", (td_platform_now_ms () - now) / 1000.0);

  return TRUE;

fail:
  td_platform_db_rollback (db);
  return FALSE;
}
