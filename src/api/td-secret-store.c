/* td-secret-store.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-secret-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "td-api-error.h"
#include "td-secret-store.h"

/*
 * TdSecretStore keeps the API token of a sign-in in the keyring (the
 * Secret Service), keyed by the server's address and the account's email.
 * Every call is asynchronous: the keyring may show a password prompt.
 *
 * Failures come in two kinds a person can act on, so they are told apart:
 * %TD_API_ERROR_KEYRING_UNAVAILABLE when no Secret Service answers on the
 * session bus, %TD_API_ERROR_KEYRING_LOCKED when the keyring stayed locked
 * because its prompt was dismissed.
 */

struct _TdSecretStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (TdSecretStore, td_secret_store, G_TYPE_OBJECT)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID, SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* libsecret keeps the table until the call is done, after the caller's
 * strings may be gone: the table owns copies. */
static GHashTable *
make_attributes (const char *server,
                 const char *account)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "server", g_strdup (server));
  g_hash_table_insert (attributes, (gpointer) "account", g_strdup (account));

  return attributes;
}

static gboolean
is_unavailable_error (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    return TRUE;

  /* No session bus at all, or one that cannot be reached. */
  if (error->domain == G_IO_ERROR &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;

  if (error->domain == G_SPAWN_ERROR)
    return TRUE;

  return FALSE;
}

/* Turns a libsecret or D-Bus failure into one a person can act on. A
 * cancellation that we asked for stays a cancellation. */
static GError *
translate_error (GError       *error,
                 GCancellable *cancellable)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    return g_steal_pointer (&owned);

  /* The message of a libsecret or D-Bus error names bus objects, never a
   * secret, so it may be logged for whoever debugs this. */
  g_debug ("Keyring failure: %s (%s, %d)",
           error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_KEYRING_LOCKED,
                                _("The keyring is locked, so the sign-in "
                                  "could not be kept in it."));

  if (is_unavailable_error (error))
    return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_KEYRING_UNAVAILABLE,
                                _("No keyring is available on this "
                                  "computer to keep the sign-in in."));

  return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_KEYRING_UNAVAILABLE,
                              _("The keyring could not keep the sign-in."));
}

static void
td_secret_store_class_init (TdSecretStoreClass *klass)
{
}

static void
td_secret_store_init (TdSecretStore *self)
{
}

/**
 * td_secret_store_new:
 *
 * The store uses a schema named after the application id, with the
 * attributes `server` and `account`.
 *
 * Returns: (transfer full): a new #TdSecretStore
 */
TdSecretStore *
td_secret_store_new (void)
{
  return g_object_new (TD_TYPE_SECRET_STORE, NULL);
}

/* Store */

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, translate_error (error, g_task_get_cancellable (task)));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * td_secret_store_store_async:
 * @self: a #TdSecretStore
 * @server: the server's base address
 * @account: the account's email
 * @token: the API token; it goes to the keyring only
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Keeps @token in the default keyring, replacing one stored before for
 * the same server and account.
 */
void
td_secret_store_store_async (TdSecretStore       *self,
                             const char          *server,
                             const char          *account,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (TD_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (token != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_secret_store_store_async);

  attributes = make_attributes (server, account);
  /* TRANSLATORS: the label of the sign-in in the keyring, e.g. "Textdesk
   * sign-in for ana@wave.example on https://wave.example" */
  label = g_strdup_printf (_("Textdesk sign-in for %s on %s"), account, server);

  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, token, cancellable, store_cb,
                          g_steal_pointer (&task));
}

/**
 * td_secret_store_store_finish:
 * @self: a #TdSecretStore
 * @result: the result
 * @error: a location for a %TD_API_ERROR
 *
 * Returns: whether the token was stored
 */
gboolean
td_secret_store_store_finish (TdSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (TD_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lookup */

typedef struct
{
  char *server;
  char *account;
} LookupData;

static void
lookup_data_free (gpointer data)
{
  LookupData *lookup = data;

  g_free (lookup->server);
  g_free (lookup->account);
  g_free (lookup);
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, translate_error (error, g_task_get_cancellable (task)));
      return;
    }

  /* The lookup found no unlocked item; an item that the search still
   * finds is one that stayed locked. */
  if (items != NULL)
    {
      g_list_free_full (items, g_object_unref);
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_KEYRING_LOCKED,
                               _("The keyring is locked, so the sign-in kept "
                                 "in it could not be read."));
      return;
    }

  g_task_return_pointer (task, NULL, NULL);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GHashTable) attributes = NULL;
  LookupData *lookup = g_task_get_task_data (task);
  GError *error = NULL;
  char *token;

  token = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, translate_error (error, g_task_get_cancellable (task)));
      return;
    }

  if (token != NULL)
    {
      g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
      return;
    }

  /* Nothing unlocked matched: either nothing is stored, or the item is in
   * a collection whose unlock prompt was dismissed. A search that does
   * not unlock tells which. */
  attributes = make_attributes (lookup->server, lookup->account);
  secret_password_searchv (get_schema (), attributes, SECRET_SEARCH_ALL,
                           g_task_get_cancellable (task), search_cb,
                           g_object_ref (task));
}

/**
 * td_secret_store_lookup_async:
 * @self: a #TdSecretStore
 * @server: the server's base address
 * @account: the account's email
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the token kept for @server and @account. The keyring may ask the
 * person to unlock it.
 */
void
td_secret_store_lookup_async (TdSecretStore       *self,
                              const char          *server,
                              const char          *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  LookupData *lookup;

  g_return_if_fail (TD_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_secret_store_lookup_async);

  lookup = g_new0 (LookupData, 1);
  lookup->server = g_strdup (server);
  lookup->account = g_strdup (account);
  g_task_set_task_data (task, lookup, lookup_data_free);

  attributes = make_attributes (server, account);
  secret_password_lookupv (get_schema (), attributes, cancellable, lookup_cb,
                           g_steal_pointer (&task));
}

/**
 * td_secret_store_lookup_finish:
 * @self: a #TdSecretStore
 * @result: the result
 * @error: a location for a %TD_API_ERROR
 *
 * Returns: (transfer full) (nullable): the token, to be freed with
 *   secret_password_free(); %NULL with no error when none is kept
 */
char *
td_secret_store_lookup_finish (TdSecretStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (TD_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Clear */

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, translate_error (error, g_task_get_cancellable (task)));
      return;
    }

  g_task_return_boolean (task, removed);
}

/**
 * td_secret_store_clear_async:
 * @self: a #TdSecretStore
 * @server: the server's base address
 * @account: the account's email
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the token kept for @server and @account.
 */
void
td_secret_store_clear_async (TdSecretStore       *self,
                             const char          *server,
                             const char          *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (TD_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_secret_store_clear_async);

  attributes = make_attributes (server, account);
  secret_password_clearv (get_schema (), attributes, cancellable, clear_cb,
                          g_steal_pointer (&task));
}

/**
 * td_secret_store_clear_finish:
 * @self: a #TdSecretStore
 * @result: the result
 * @error: a location for a %TD_API_ERROR
 *
 * Returns: whether a token was removed; %FALSE with no error when none
 *   was kept
 */
gboolean
td_secret_store_clear_finish (TdSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (TD_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
