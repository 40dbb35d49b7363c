/* td-sign-in-page.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-api-error.h"
#include "td-application.h"
#include "td-client.h"
#include "td-demo-platform.h"
#include "td-sign-in-page.h"

/*
 * The first page a person sees: a server address, an email and a
 * password, or "Try the Demo". It signs in itself and hands the signed-in
 * client to whoever listens to "signed-in". Errors are shown under the
 * fields, in words that say what to do.
 */

struct _TdSignInPage
{
  AdwBin        parent_instance;

  AdwEntryRow  *server_row;
  AdwEntryRow  *email_row;
  AdwEntryRow  *password_row;
  GtkLabel     *message_label;
  GtkButton    *sign_in_button;
  GtkSpinner   *sign_in_spinner;
  GtkButton    *demo_button;
  GtkSpinner   *demo_spinner;

  GCancellable *cancellable;
  TdClient     *client;
  guint         busy : 1;
  guint         demo : 1;
};

G_DEFINE_FINAL_TYPE (TdSignInPage, td_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A host name (international ones too) or an IP address: never a string
 * that would only fail later, in a name lookup. */
static gboolean
host_is_valid (const char *host)
{
  g_autofree char *ascii = NULL;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL || *ascii == '\0' || *ascii == '.' || *ascii == '-')
    return FALSE;

  for (const char *c = ascii; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '.' && *c != '-')
        return FALSE;
    }

  return TRUE;
}

/**
 * td_sign_in_page_normalize_server:
 * @text: what the person typed, such as "textdesk.example.com"
 * @error: a location for a #GError
 *
 * Makes a base address of @text: https:// when no scheme is given, no
 * trailing slash, no path, query or credentials.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when @text
 *   is not one
 */
char *
td_sign_in_page_normalize_server (const char  *text,
                                  GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *path;

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the address of your Textdesk server, "
                             "such as textdesk.example.com."));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  path = uri != NULL ? g_uri_get_path (uri) : NULL;
  if (uri == NULL ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL ||
      (path != NULL && *path != '\0' && g_strcmp0 (path, "/") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address. Enter one such as "
                     "textdesk.example.com."), trimmed);
      return NULL;
    }

  if (!host_is_valid (g_uri_get_host (uri)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address. Enter one such as "
                     "textdesk.example.com."), trimmed);
      return NULL;
    }

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
}

/**
 * td_sign_in_page_describe_error:
 * @error: a failed sign-in
 * @server: (nullable): the server's address
 *
 * Says what went wrong in words for a person who does not know HTTP.
 *
 * Returns: (transfer full): a sentence or two
 */
char *
td_sign_in_page_describe_error (const GError *error,
                                const char   *server)
{
  if (server == NULL)
    server = _("the server");

  if (error->domain != TD_API_ERROR)
    return g_strdup (error->message);

  switch ((TdApiError) error->code)
    {
    case TD_API_ERROR_UNAUTHORIZED:
      return g_strdup (_("The email or password is wrong. Check them and "
                         "try again."));

    case TD_API_ERROR_NETWORK:
      return g_strdup_printf (_("Textdesk could not reach %s. Check the "
                                "address and your internet connection."),
                              server);

    case TD_API_ERROR_TLS:
      return g_strdup_printf (_("The security certificate of %s is not "
                                "trusted, so Textdesk did not send your "
                                "password. Check the address, or ask "
                                "whoever runs the server."), server);

    case TD_API_ERROR_TIMEOUT:
      return g_strdup_printf (_("%s did not answer in time. Try again in a "
                                "moment."), server);

    case TD_API_ERROR_NOT_FOUND:
    case TD_API_ERROR_BAD_RESPONSE:
      return g_strdup_printf (_("%s does not look like a Textdesk platform. "
                                "Check the address."), server);

    case TD_API_ERROR_SERVER:
      return g_strdup_printf (_("The server at %s has a problem right now. "
                                "Try again later."), server);

    case TD_API_ERROR_FORBIDDEN:
    case TD_API_ERROR_CONFLICT:
    case TD_API_ERROR_PRECONDITION_FAILED:
    case TD_API_ERROR_INVALID:
    case TD_API_ERROR_RATE_LIMITED:
    case TD_API_ERROR_KEYRING_UNAVAILABLE:
    case TD_API_ERROR_KEYRING_LOCKED:
    default:
      return g_strdup (error->message);
    }
}

static void
set_busy (TdSignInPage *self,
          gboolean      busy,
          gboolean      demo)
{
  busy = !!busy;

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_button), !busy);

  gtk_spinner_set_spinning (self->sign_in_spinner, busy && !demo);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_spinner), busy && !demo);
  gtk_spinner_set_spinning (self->demo_spinner, busy && demo);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_spinner), busy && demo);

  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_sign_in_sensitivity (TdSignInPage *self)
{
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button),
                            !self->busy && *server != '\0' &&
                            *email != '\0' && *password != '\0');
}

static void
entry_changed_cb (TdSignInPage *self)
{
  update_sign_in_sensitivity (self);
}

/**
 * td_sign_in_page_show_message:
 * @self: a #TdSignInPage
 * @message: (nullable): what to tell the person, or %NULL to hide it
 *
 * Shows @message under the fields.
 */
void
td_sign_in_page_show_message (TdSignInPage *self,
                              const char   *message)
{
  g_return_if_fail (TD_IS_SIGN_IN_PAGE (self));

  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label),
                          message != NULL && *message != '\0');
}

/**
 * td_sign_in_page_show_error:
 * @self: a #TdSignInPage
 * @error: what failed
 * @server: (nullable): the server it failed with
 *
 * Shows @error under the fields, said for a person.
 */
void
td_sign_in_page_show_error (TdSignInPage *self,
                            const GError *error,
                            const char   *server)
{
  g_autofree char *text = NULL;

  g_return_if_fail (TD_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (error != NULL);

  text = td_sign_in_page_describe_error (error, server);
  td_sign_in_page_show_message (self, text);
}

static void
finish_sign_in (TdSignInPage  *self,
                TdAccountInfo *me)
{
  g_autoptr(TdClient) client = g_steal_pointer (&self->client);
  gboolean demo = self->demo;

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  /* Signed in before no longer busy: whoever shows progress while the
   * page is busy then moves on to the signed-in view, not back here. */
  g_signal_emit (self, signals[SIGNED_IN], 0, client, me, demo);

  set_busy (self, FALSE, FALSE);
  update_sign_in_sensitivity (self);
}

static void
fail_sign_in (TdSignInPage *self,
              const GError *error,
              const char   *server)
{
  g_clear_object (&self->client);
  set_busy (self, FALSE, FALSE);
  update_sign_in_sensitivity (self);
  td_sign_in_page_show_error (self, error, server);
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TdSignInPage *self = user_data;
  g_autoptr(TdAccountInfo) me = NULL;
  g_autoptr(GError) error = NULL;

  me = td_client_sign_in_finish (TD_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (me == NULL)
    {
      g_autofree char *server = g_strdup (td_client_get_base_url (TD_CLIENT (source)));

      if (self->demo)
        {
          g_autofree char *text = td_sign_in_page_describe_error (error, server);
          g_autofree char *message = g_strdup_printf (_("The demo could not be "
                                                        "opened. %s"), text);

          g_clear_object (&self->client);
          set_busy (self, FALSE, FALSE);
          update_sign_in_sensitivity (self);
          td_sign_in_page_show_message (self, message);
          return;
        }

      fail_sign_in (self, error, server);
      if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED))
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  finish_sign_in (self, me);
}

static void
start_sign_in (TdSignInPage *self,
               const char   *server,
               const char   *email,
               const char   *password)
{
  g_clear_object (&self->client);
  self->client = td_client_new (server);
  td_client_sign_in_async (self->client, email, password, self->cancellable,
                           sign_in_cb, self);
}

/**
 * td_sign_in_page_sign_in:
 * @self: a #TdSignInPage
 *
 * Signs in with what is in the fields, as the Sign In button does.
 */
void
td_sign_in_page_sign_in (TdSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *email = NULL;
  const char *password;

  g_return_if_fail (TD_IS_SIGN_IN_PAGE (self));

  if (self->busy)
    return;

  server = td_sign_in_page_normalize_server (td_sign_in_page_get_server (self), &error);
  if (server == NULL)
    {
      td_sign_in_page_show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }

  email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (*email == '\0' || *password == '\0')
    {
      td_sign_in_page_show_message (self, _("Enter your email and password."));
      return;
    }

  td_sign_in_page_show_message (self, NULL);
  self->demo = FALSE;
  set_busy (self, TRUE, FALSE);

  start_sign_in (self, server, email, password);
}

static void
demo_started_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TdSignInPage *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *url;

  url = td_demo_platform_start_finish (TD_DEMO_PLATFORM (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (url == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The demo could not be "
                                                    "started. %s"),
                                                  error->message);

      set_busy (self, FALSE, FALSE);
      update_sign_in_sensitivity (self);
      td_sign_in_page_show_message (self, message);
      return;
    }

  start_sign_in (self, url, TD_DEMO_PLATFORM_EMAIL, TD_DEMO_PLATFORM_PASSWORD);
}

/**
 * td_sign_in_page_try_demo:
 * @self: a #TdSignInPage
 *
 * Starts the demo platform on this computer and signs in to it as its
 * admin, as the Try the Demo button does.
 */
void
td_sign_in_page_try_demo (TdSignInPage *self)
{
  TdDemoPlatform *platform;
  GApplication *app;

  g_return_if_fail (TD_IS_SIGN_IN_PAGE (self));

  if (self->busy)
    return;

  app = g_application_get_default ();
  g_return_if_fail (TD_IS_APPLICATION (app));

  td_sign_in_page_show_message (self, NULL);
  self->demo = TRUE;
  set_busy (self, TRUE, TRUE);

  platform = td_application_get_demo_platform (TD_APPLICATION (app));
  td_demo_platform_start_async (platform, self->cancellable, demo_started_cb, self);
}

/**
 * td_sign_in_page_reset:
 * @self: a #TdSignInPage
 *
 * Cancels a sign-in in progress and empties the password and the message.
 */
void
td_sign_in_page_reset (TdSignInPage *self)
{
  g_return_if_fail (TD_IS_SIGN_IN_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->client);

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  td_sign_in_page_show_message (self, NULL);
  set_busy (self, FALSE, FALSE);
  update_sign_in_sensitivity (self);
}

static void
sign_in_clicked_cb (TdSignInPage *self)
{
  td_sign_in_page_sign_in (self);
}

static void
demo_clicked_cb (TdSignInPage *self)
{
  td_sign_in_page_try_demo (self);
}

static void
server_activated_cb (TdSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
}

static void
email_activated_cb (TdSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
password_activated_cb (TdSignInPage *self)
{
  td_sign_in_page_sign_in (self);
}

static void
td_sign_in_page_dispose (GObject *object)
{
  TdSignInPage *self = TD_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->client);

  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (td_sign_in_page_parent_class)->dispose (object);
}

static void
td_sign_in_page_finalize (GObject *object)
{
  TdSignInPage *self = TD_SIGN_IN_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (td_sign_in_page_parent_class)->finalize (object);
}

static void
td_sign_in_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TdSignInPage *self = TD_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_sign_in_page_class_init (TdSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_sign_in_page_dispose;
  object_class->finalize = td_sign_in_page_finalize;
  object_class->get_property = td_sign_in_page_get_property;

  /**
   * TdSignInPage:busy:
   *
   * Whether a sign-in (or the demo's start) is in progress.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdSignInPage::signed-in:
   * @self: the page
   * @client: the #TdClient, carrying the new token
   * @me: the #TdAccountInfo of who signed in
   * @demo: whether it is the demo platform on this computer
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  TD_TYPE_CLIENT, TD_TYPE_ACCOUNT_INFO, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSignInPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, TdSignInPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, TdSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, TdSignInPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, TdSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, TdSignInPage, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdSignInPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, TdSignInPage, demo_spinner);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, demo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);
}

static void
td_sign_in_page_init (TdSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  update_sign_in_sensitivity (self);
}

/**
 * td_sign_in_page_set_server:
 * @self: a #TdSignInPage
 * @server: (nullable): an address to fill in
 */
void
td_sign_in_page_set_server (TdSignInPage *self,
                            const char   *server)
{
  g_return_if_fail (TD_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server != NULL ? server : "");
}

/**
 * td_sign_in_page_get_server:
 * @self: a #TdSignInPage
 *
 * Returns: the address as typed
 */
const char *
td_sign_in_page_get_server (TdSignInPage *self)
{
  g_return_val_if_fail (TD_IS_SIGN_IN_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->server_row));
}

/**
 * td_sign_in_page_set_email:
 * @self: a #TdSignInPage
 * @email: (nullable): an email to fill in
 */
void
td_sign_in_page_set_email (TdSignInPage *self,
                           const char   *email)
{
  g_return_if_fail (TD_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
}

/**
 * td_sign_in_page_get_email:
 * @self: a #TdSignInPage
 *
 * Returns: the email as typed
 */
const char *
td_sign_in_page_get_email (TdSignInPage *self)
{
  g_return_val_if_fail (TD_IS_SIGN_IN_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->email_row));
}

/**
 * td_sign_in_page_focus:
 * @self: a #TdSignInPage
 *
 * Puts the keyboard focus on the first field still empty.
 */
void
td_sign_in_page_focus (TdSignInPage *self)
{
  g_return_if_fail (TD_IS_SIGN_IN_PAGE (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->email_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/**
 * td_sign_in_page_get_busy:
 * @self: a #TdSignInPage
 *
 * Returns: whether a sign-in is in progress
 */
gboolean
td_sign_in_page_get_busy (TdSignInPage *self)
{
  g_return_val_if_fail (TD_IS_SIGN_IN_PAGE (self), FALSE);

  return self->busy;
}
