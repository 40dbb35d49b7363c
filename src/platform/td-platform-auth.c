/* td-platform-auth.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-auth"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "td-platform-auth.h"
#include "td-platform-error.h"

/* Argon2id at libsodium's "interactive" cost: about a tenth of a second
 * and 64 MiB a sign-in on a small machine, which is what an online login
 * can afford.
 */
#define PWHASH_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PWHASH_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

#define TOKEN_PREFIX "tdk_"
#define TOKEN_BYTES 32

static char dummy_hash[crypto_pwhash_STRBYTES];

gboolean
td_platform_auth_init (GError **error)
{
  static gboolean done = FALSE;

  if (done)
    return TRUE;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INTERNAL,
                           _("Could not initialise libsodium"));
      return FALSE;
    }

  done = TRUE;

  return TRUE;
}

char *
td_platform_auth_hash_password (const char  *password,
                                GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!td_platform_auth_init (error))
    return NULL;

  if (crypto_pwhash_str (hash, password, strlen (password),
                         PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INTERNAL,
                           _("Out of memory while hashing a password"));
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
td_platform_auth_verify_password (const char *hash,
                                  const char *password)
{
  if (hash == NULL || password == NULL)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

/**
 * td_platform_auth_lookup_hash:
 * @out_user_id: (out): the user, or 0 when no one has @email
 * @out_hash: (out) (transfer full): the user's password hash, or for an
 *   unknown address a hash that no password matches in as much time, so
 *   that timing does not tell which addresses have accounts
 *
 * The first half of a sign-in; the slow half,
 * td_platform_auth_verify_password(), may run in a thread.
 */
gboolean
td_platform_auth_lookup_hash (TdPlatformDb  *db,
                              const char    *email,
                              gint64        *out_user_id,
                              char         **out_hash,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_user_id = 0;
  *out_hash = NULL;

  if (!td_platform_auth_init (error))
    return FALSE;

  stmt = td_platform_db_query (db, error,
                               "SELECT id, password_hash FROM users WHERE email = ?1",
                               "t", email);
  if (stmt == NULL)
    return FALSE;

  rc = td_platform_db_step (db, stmt, error);
  if (rc == -1)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      *out_user_id = sqlite3_column_int64 (stmt, 0);
      *out_hash = g_strdup (td_platform_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (*out_hash == NULL)
    {
      if (dummy_hash[0] == '\0' &&
          crypto_pwhash_str (dummy_hash, "textdesk", 8, PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0)
        {
          g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INTERNAL,
                               _("Passwords cannot be checked now"));
          return FALSE;
        }
      *out_user_id = 0;
      *out_hash = g_strdup (dummy_hash);
    }

  return TRUE;
}

static void
token_hash (const char *token,
            guint8      out[crypto_generichash_BYTES])
{
  crypto_generichash (out, crypto_generichash_BYTES,
                      (const guint8 *) token, strlen (token), NULL, 0);
}

static char *
random_text (const char *prefix)
{
  guint8 bytes[TOKEN_BYTES];
  char encoded[sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (encoded, sizeof encoded, bytes, sizeof bytes,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);

  return g_strconcat (prefix, encoded, NULL);
}

char *
td_platform_auth_random_secret (void)
{
  td_platform_auth_init (NULL);

  return random_text ("");
}

/**
 * td_platform_auth_create_token:
 *
 * Makes a new API token for @user_id from the OS random source; only its
 * hash is stored.
 *
 * Returns: (transfer full): the token, to be shown once
 */
char *
td_platform_auth_create_token (TdPlatformDb  *db,
                               gint64         user_id,
                               GError       **error)
{
  g_autofree char *token = NULL;
  guint8 hash[crypto_generichash_BYTES];
  sqlite3_stmt *stmt;

  if (!td_platform_auth_init (error))
    return NULL;

  token = random_text (TOKEN_PREFIX);
  token_hash (token, hash);

  stmt = td_platform_db_prepare (db,
                                 "INSERT INTO tokens (user_id, hash, created_at) "
                                 "VALUES (?1, ?2, ?3)",
                                 error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_blob (stmt, 2, hash, sizeof hash, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, td_platform_now_ms ());

  if (td_platform_db_step (db, stmt, error) == -1)
    return NULL;
  sqlite3_reset (stmt);

  return g_steal_pointer (&token);
}

gboolean
td_platform_auth_lookup_token (TdPlatformDb      *db,
                               const char        *token,
                               TdPlatformCaller  *out_caller,
                               GError           **error)
{
  guint8 hash[crypto_generichash_BYTES];
  sqlite3_stmt *stmt;
  int rc;

  if (token == NULL || !g_str_has_prefix (token, TOKEN_PREFIX) || strlen (token) > 128)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_UNAUTHORIZED,
                           _("The API token is missing or not valid"));
      return FALSE;
    }

  token_hash (token, hash);

  /* The lookup is by the hash of the token, so what a timing attack could
   * learn is about the hash, which does not help to forge a token.
   */
  stmt = td_platform_db_prepare (db,
                                 "SELECT t.id, u.id, u.account_id, u.role "
                                 "FROM tokens t JOIN users u ON u.id = t.user_id "
                                 "WHERE t.hash = ?1 AND t.revoked_at IS NULL",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  rc = td_platform_db_step (db, stmt, error);
  if (rc == -1)
    return FALSE;

  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_UNAUTHORIZED,
                           _("The API token is not valid or was revoked"));
      return FALSE;
    }

  out_caller->token_id = sqlite3_column_int64 (stmt, 0);
  out_caller->user_id = sqlite3_column_int64 (stmt, 1);
  out_caller->account_id = sqlite3_column_int64 (stmt, 2);
  out_caller->admin = g_strcmp0 (td_platform_column_text (stmt, 3), "admin") == 0;
  sqlite3_reset (stmt);

  return TRUE;
}

gboolean
td_platform_auth_revoke_token (TdPlatformDb  *db,
                               gint64         token_id,
                               GError       **error)
{
  return td_platform_db_run (db, error,
                             "UPDATE tokens SET revoked_at = ?2 WHERE id = ?1",
                             "ii", token_id, td_platform_now_ms ());
}

/**
 * td_platform_auth_equal:
 *
 * Compares two secrets in time that does not depend on where they differ.
 */
gboolean
td_platform_auth_equal (const char *a,
                        const char *b)
{
  gsize len;

  if (a == NULL || b == NULL)
    return FALSE;

  len = strlen (a);
  if (len != strlen (b))
    return FALSE;

  return sodium_memcmp (a, b, len) == 0;
}
