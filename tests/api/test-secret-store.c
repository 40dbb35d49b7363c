/* test-secret-store.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-secret-store"

#include "config.h"

#include <libsecret/secret.h>

#include "td-api-error.h"
#include "td-secret-store.h"

/* Runs under build-aux/headless-session: with a real, unlocked
 * gnome-keyring, or with --no-keyring on a bus with no Secret Service
 * (TD_HEADLESS_KEYRING=0). */

#define SERVER "http://127.0.0.1:41019"
#define ACCOUNT "ana@wave.example"

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
store (TdSecretStore  *store,
       const char     *server,
       const char     *account,
       const char     *token,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_secret_store_store_async (store, server, account, token, NULL,
                               store_result_cb, &result);
  return td_secret_store_store_finish (store, wait_for_result (&result), error);
}

static char *
lookup (TdSecretStore  *store,
        const char     *server,
        const char     *account,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_secret_store_lookup_async (store, server, account, NULL,
                                store_result_cb, &result);
  return td_secret_store_lookup_finish (store, wait_for_result (&result), error);
}

static gboolean
clear (TdSecretStore  *store,
       const char     *server,
       const char     *account,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_secret_store_clear_async (store, server, account, NULL,
                               store_result_cb, &result);
  return td_secret_store_clear_finish (store, wait_for_result (&result), error);
}

static gboolean
have_keyring (void)
{
  return g_strcmp0 (g_getenv ("TD_HEADLESS_KEYRING"), "1") == 0;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(TdSecretStore) secrets = td_secret_store_new ();
  g_autoptr(GError) error = NULL;
  char *token;

  if (!have_keyring ())
    {
      g_test_skip ("needs the gnome-keyring of build-aux/headless-session");
      return;
    }

  /* Nothing kept yet: no token and no error. */
  token = lookup (secrets, SERVER, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  g_assert_true (store (secrets, SERVER, ACCOUNT, "tok-first", &error));
  g_assert_no_error (error);

  token = lookup (secrets, SERVER, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "tok-first");
  secret_password_free (token);

  /* Storing again replaces the token rather than adding a second one. */
  g_assert_true (store (secrets, SERVER, ACCOUNT, "tok-second", &error));
  g_assert_no_error (error);
  token = lookup (secrets, SERVER, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "tok-second");
  secret_password_free (token);

  g_assert_true (clear (secrets, SERVER, ACCOUNT, &error));
  g_assert_no_error (error);

  token = lookup (secrets, SERVER, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  /* Clearing what is not there is no error. */
  g_assert_false (clear (secrets, SERVER, ACCOUNT, &error));
  g_assert_no_error (error);
}

static void
test_keyed_by_server_and_account (void)
{
  g_autoptr(TdSecretStore) secrets = td_secret_store_new ();
  g_autoptr(GError) error = NULL;
  char *token;

  if (!have_keyring ())
    {
      g_test_skip ("needs the gnome-keyring of build-aux/headless-session");
      return;
    }

  g_assert_true (store (secrets, SERVER, ACCOUNT, "tok-ana", &error));
  g_assert_true (store (secrets, SERVER, "staff@wave.example", "tok-staff", &error));
  g_assert_true (store (secrets, "https://other.example", ACCOUNT, "tok-other", &error));
  g_assert_no_error (error);

  token = lookup (secrets, SERVER, ACCOUNT, &error);
  g_assert_cmpstr (token, ==, "tok-ana");
  secret_password_free (token);
  token = lookup (secrets, SERVER, "staff@wave.example", &error);
  g_assert_cmpstr (token, ==, "tok-staff");
  secret_password_free (token);
  token = lookup (secrets, "https://other.example", ACCOUNT, &error);
  g_assert_cmpstr (token, ==, "tok-other");
  secret_password_free (token);
  g_assert_no_error (error);

  /* Clearing one sign-in leaves the others. */
  g_assert_true (clear (secrets, SERVER, ACCOUNT, &error));
  token = lookup (secrets, SERVER, "staff@wave.example", &error);
  g_assert_cmpstr (token, ==, "tok-staff");
  secret_password_free (token);
  g_assert_no_error (error);

  clear (secrets, SERVER, "staff@wave.example", NULL);
  clear (secrets, "https://other.example", ACCOUNT, NULL);
}

static void
test_schema_named_after_app (void)
{
  g_autoptr(TdSecretStore) secrets = td_secret_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autoptr(SecretService) service = NULL;

  if (!have_keyring ())
    {
      g_test_skip ("needs the gnome-keyring of build-aux/headless-session");
      return;
    }

  g_assert_true (store (secrets, SERVER, ACCOUNT, "tok-schema", &error));
  g_assert_no_error (error);

  /* Another program (Seahorse, secret-tool) finds the item by the schema
   * name and the two attributes. A test may block; the app never does. */
  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (attributes, (gpointer) "xdg:schema", (gpointer) APPLICATION_ID);
  g_hash_table_insert (attributes, (gpointer) "server", (gpointer) SERVER);
  g_hash_table_insert (attributes, (gpointer) "account", (gpointer) ACCOUNT);
  items = secret_service_search_sync (service, NULL, attributes,
                                      SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_assert_nonnull (strstr (secret_item_get_label (items->data), ACCOUNT));

  clear (secrets, SERVER, ACCOUNT, NULL);
}

static void
test_no_secret_service (void)
{
  g_autoptr(TdSecretStore) secrets = td_secret_store_new ();
  g_autoptr(GError) error = NULL;
  char *token;

  if (have_keyring ())
    {
      g_test_skip ("runs under build-aux/headless-session --no-keyring");
      return;
    }

  g_assert_false (store (secrets, SERVER, ACCOUNT, "tok", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_KEYRING_UNAVAILABLE);
  g_assert_cmpstr (error->message, ==,
                   "No keyring is available on this computer to keep the sign-in in.");
  g_clear_error (&error);

  token = lookup (secrets, SERVER, ACCOUNT, &error);
  g_assert_null (token);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_KEYRING_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (clear (secrets, SERVER, ACCOUNT, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_KEYRING_UNAVAILABLE);
}

static void
lock_default_collection (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  GList *objects;
  int n_locked;

  /* A test may block; the app never does. */
  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  objects = g_list_append (NULL, collection);
  n_locked = secret_service_lock_sync (service, objects, NULL, NULL, &error);
  g_list_free (objects);
  g_assert_no_error (error);
  g_assert_cmpint (n_locked, ==, 1);
}

static gboolean
press_escape_cb (gpointer user_data)
{
  g_autoptr(GSubprocess) key = NULL;

  /* Pressed until the prompt has gone: the window may show a moment
   * before it takes the keyboard. */
  key = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "xdotool", "key", "Escape", NULL);
  if (key != NULL)
    g_subprocess_wait (key, NULL, NULL);

  return G_SOURCE_CONTINUE;
}

static void
prompt_shown_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  guint *escape_id = user_data;

  if (g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, NULL))
    *escape_id = g_timeout_add (300, press_escape_cb, NULL);
}

/* What a person does who does not want to unlock: wait for the keyring's
 * prompt and press Escape. */
static GSubprocess *
dismiss_unlock_prompt (guint *escape_id)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *search;

  search = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             "xdotool", "search", "--sync", "--name", "Unlock", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (search, NULL, prompt_shown_cb, escape_id);

  return search;
}

static void
test_locked_prompt_dismissed (void)
{
  g_autoptr(TdSecretStore) secrets = td_secret_store_new ();
  g_autoptr(GSubprocess) xdotool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");
  static guint escape_id = 0;
  char *token;

  if (!have_keyring ())
    {
      g_test_skip ("needs the gnome-keyring of build-aux/headless-session");
      return;
    }

  if (xdotool_path == NULL)
    {
      g_test_skip ("needs xdotool to dismiss the keyring's prompt");
      return;
    }

  g_assert_true (store (secrets, SERVER, ACCOUNT, "tok-locked", &error));
  g_assert_no_error (error);

  /* The keyring is locked and the person dismisses its prompt: the
   * token is there but cannot be read, which is not "nothing kept". */
  lock_default_collection ();
  xdotool = dismiss_unlock_prompt (&escape_id);
  token = lookup (secrets, SERVER, ACCOUNT, &error);
  g_assert_null (token);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_KEYRING_LOCKED);
  g_clear_error (&error);
  g_clear_handle_id (&escape_id, g_source_remove);
  g_subprocess_force_exit (xdotool);
  g_clear_object (&xdotool);

  /* Storing into the locked keyring, prompt dismissed again. */
  xdotool = dismiss_unlock_prompt (&escape_id);
  g_assert_false (store (secrets, SERVER, ACCOUNT, "tok-new", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_KEYRING_LOCKED);
  g_clear_handle_id (&escape_id, g_source_remove);
  g_subprocess_force_exit (xdotool);
}

static void
test_cancelled (void)
{
  g_autoptr(TdSecretStore) secrets = td_secret_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  /* A cancelled call says so, with or without a keyring: it is not
   * mistaken for a locked or missing one. */
  g_cancellable_cancel (cancellable);
  td_secret_store_lookup_async (secrets, SERVER, ACCOUNT, cancellable,
                                store_result_cb, &result);
  token = td_secret_store_lookup_finish (secrets, wait_for_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-store/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/secret-store/keyed-by-server-and-account", test_keyed_by_server_and_account);
  g_test_add_func ("/secret-store/schema-named-after-app", test_schema_named_after_app);
  g_test_add_func ("/secret-store/no-secret-service", test_no_secret_service);
  g_test_add_func ("/secret-store/cancelled", test_cancelled);
  /* Last: it leaves the keyring locked. */
  g_test_add_func ("/secret-store/locked-prompt-dismissed", test_locked_prompt_dismissed);

  return g_test_run ();
}
