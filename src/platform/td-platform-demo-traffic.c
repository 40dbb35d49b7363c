/* td-platform-demo-traffic.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-demo-traffic"

#include "config.h"

#include "td-platform-demo-traffic.h"
#include "td-platform-traffic.h"

/* Gentle made-up traffic for `serve --demo`: a text every few seconds on
 * one of the demo's short codes, through the same pipeline as the
 * gateway's, so that the demo looks alive.
 */
struct _TdPlatformDemoTraffic
{
  GObject            parent_instance;

  TdPlatformDb      *db;
  TdPlatformServer  *server;
  TdPlatformTraffic *traffic[2];
  GRand             *rand;
  guint              min_ms;
  guint              max_ms;
  guint              timeout_id;
  guint              sent;
};

G_DEFINE_FINAL_TYPE (TdPlatformDemoTraffic, td_platform_demo_traffic, G_TYPE_OBJECT)

static const char *const codes[] = { "41019", "72000" };

static void
td_platform_demo_traffic_dispose (GObject *object)
{
  TdPlatformDemoTraffic *self = (TdPlatformDemoTraffic *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->traffic[0], td_platform_traffic_free);
  g_clear_pointer (&self->traffic[1], td_platform_traffic_free);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_object (&self->server);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (td_platform_demo_traffic_parent_class)->dispose (object);
}

static void
td_platform_demo_traffic_class_init (TdPlatformDemoTrafficClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = td_platform_demo_traffic_dispose;
}

static void
td_platform_demo_traffic_init (TdPlatformDemoTraffic *self)
{
}

static GStrv
keywords (TdPlatformDb *db,
          const char   *code,
          gboolean      live)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  stmt = td_platform_db_query (db, NULL,
                               "SELECT k.keyword FROM keywords k "
                               "JOIN short_codes sc ON sc.id = k.short_code_id "
                               "JOIN campaigns c ON c.id = k.campaign_id WHERE sc.code = ?1 "
                               "AND (c.status = 'active' AND (c.ends_at IS NULL OR c.ends_at > "
                               "?3)) = ?2 "
                               "ORDER BY k.keyword",
                               "tbi", code, live, td_platform_now_ms ());
  while (stmt != NULL && td_platform_db_step (db, stmt, NULL) == SQLITE_ROW)
    g_strv_builder_add (builder, td_platform_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}

TdPlatformDemoTraffic *
td_platform_demo_traffic_new (TdPlatformDb     *db,
                              TdPlatformServer *server)
{
  TdPlatformDemoTraffic *self = g_object_new (TD_TYPE_PLATFORM_DEMO_TRAFFIC, NULL);
  guint32 seed = (guint32) (g_get_real_time () / G_USEC_PER_SEC);

  self->db = g_object_ref (db);
  self->server = g_object_ref (server);
  self->rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_auto(GStrv) live = keywords (db, codes[i], TRUE);
      g_auto(GStrv) expired = keywords (db, codes[i], FALSE);

      self->traffic[i] = td_platform_traffic_new (seed + i, (const char * const *) live,
                                                  (const char * const *) expired);
      td_platform_traffic_set_phones (self->traffic[i], i == 0 ? 100 : 1000, i == 0 ? 450 : 560);
    }

  return self;
}

gboolean
td_platform_demo_traffic_send_one (TdPlatformDemoTraffic  *self,
                                   GError                **error)
{
  guint which = g_rand_int_range (self->rand, 0, 2);
  g_autoptr(TdPlatformShortCode) sc = NULL;
  g_autofree char *from = NULL;
  g_autofree char *body = NULL;
  g_autofree char *sid = NULL;
  TdPlatformRoute route;

  sc = td_platform_short_code_lookup (self->db, codes[which], -1, error);
  if (sc == NULL)
    return FALSE;

  body = td_platform_traffic_next (self->traffic[which], &from);
  sid = g_strdup_printf ("SMdemo%" G_GINT64_FORMAT "%04u", g_get_real_time (), self->sent++);

  if (!td_platform_db_begin (self->db, error))
    return FALSE;

  if (!td_platform_pipeline_receive (td_platform_server_get_pipeline (self->server), sc, sid,
                                     from, body, td_platform_now_ms (), &route, error) ||
      !td_platform_db_commit (self->db, error))
    {
      td_platform_db_rollback (self->db);
      return FALSE;
    }

  td_platform_events_flush (td_platform_server_get_events (self->server));

  return TRUE;
}

static gboolean
tick_cb (gpointer user_data)
{
  TdPlatformDemoTraffic *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_platform_demo_traffic_send_one (self, &error))
    g_warning ("Could not make demo traffic: %s", error->message);

  self->timeout_id = g_timeout_add (g_rand_int_range (self->rand, self->min_ms, self->max_ms + 1),
                                    tick_cb, self);

  return G_SOURCE_REMOVE;
}

void
td_platform_demo_traffic_start (TdPlatformDemoTraffic *self,
                                guint                  min_ms,
                                guint                  max_ms)
{
  self->min_ms = MIN (min_ms, max_ms);
  self->max_ms = MAX (min_ms, max_ms);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->max_ms, tick_cb, self);
}
