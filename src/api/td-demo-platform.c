/* td-demo-platform.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-demo-platform"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include "td-api-error.h"
#include "td-demo-platform.h"

/*
 * TdDemoPlatform runs `textdesk-platform serve --demo` as a child process
 * on a free loopback port, with its database in the user's data folder,
 * and reads the address it prints on its first line. It stops the child
 * when asked, and at the latest when it is disposed.
 */

#define DEFAULT_TIMEOUT_SECONDS 20
#define STOP_GRACE_SECONDS 5
#define LISTENING_PREFIX "listening on "

struct _TdDemoPlatform
{
  GObject           parent_instance;

  GSubprocess      *process;
  GDataInputStream *output;
  char             *base_url;
  GCancellable     *cancellable;

  /* While starting. */
  GTask            *start_task;
  gulong            caller_cancelled_id;
  guint             timeout_id;
  guint             timeout_seconds;
};

G_DEFINE_FINAL_TYPE (TdDemoPlatform, td_demo_platform, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void read_next_line (TdDemoPlatform *self);

static void
set_base_url (TdDemoPlatform *self,
              const char     *base_url)
{
  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

/* Ends a start in progress, with the address or an error. */
static void
finish_start (TdDemoPlatform *self,
              GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (self->caller_cancelled_id != 0)
    {
      GCancellable *caller = g_task_get_cancellable (task);

      g_cancellable_disconnect (caller, self->caller_cancelled_id);
      self->caller_cancelled_id = 0;
    }

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    {
      /* A half-started platform is of no use: stop it. */
      if (self->process != NULL)
        g_subprocess_send_signal (self->process, SIGTERM);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_strdup (self->base_url), g_free);
}

static void
output_line_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdDemoPlatform) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                    result, &length, &error);

  /* The output of a platform started before this one. */
  if (source != G_OBJECT (self->output))
    return;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (self->start_task != NULL)
        finish_start (self, g_error_new (TD_API_ERROR, TD_API_ERROR_SERVER,
                                         _("The demo platform could not be "
                                           "read from: %s"), error->message));
      return;
    }

  if (line == NULL)
    {
      /* End of output: the platform has exited. */
      if (self->start_task != NULL)
        finish_start (self, g_error_new_literal (TD_API_ERROR, TD_API_ERROR_SERVER,
                                                 _("The demo platform stopped "
                                                   "before it was ready.")));
      return;
    }

  if (self->start_task != NULL && g_str_has_prefix (line, LISTENING_PREFIX))
    {
      const char *url = line + strlen (LISTENING_PREFIX);

      g_strstrip ((char *) url);
      if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
        {
          finish_start (self, g_error_new_literal (TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                                                   _("The demo platform printed "
                                                     "an address that is not "
                                                     "one.")));
          return;
        }

      g_debug ("Demo platform listening on %s", url);
      set_base_url (self, url);
      finish_start (self, NULL);
    }
  else
    {
      g_debug ("Demo platform: %s", line);
    }

  /* Keep reading, so that the child never blocks on a full pipe. */
  read_next_line (self);
}

static void
read_next_line (TdDemoPlatform *self)
{
  if (self->output == NULL)
    return;

  g_data_input_stream_read_line_async (self->output, G_PRIORITY_DEFAULT,
                                       self->cancellable, output_line_cb,
                                       g_object_ref (self));
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdDemoPlatform) self = user_data;
  GSubprocess *process = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (process, result, &error))
    return;

  if (process != self->process)
    return;

  g_debug ("Demo platform exited");

  if (self->start_task != NULL)
    {
      g_autofree char *status = NULL;

      if (g_subprocess_get_if_exited (process))
        status = g_strdup_printf ("%d", g_subprocess_get_exit_status (process));
      else
        status = g_strdup_printf ("signal %d", g_subprocess_get_term_sig (process));

      finish_start (self, g_error_new (TD_API_ERROR, TD_API_ERROR_SERVER,
                                       _("The demo platform stopped before it "
                                         "was ready (exit status %s)."),
                                       status));
    }

  g_clear_object (&self->output);
  g_clear_object (&self->process);
  set_base_url (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
start_timeout_cb (gpointer user_data)
{
  TdDemoPlatform *self = user_data;

  self->timeout_id = 0;
  finish_start (self, g_error_new (TD_API_ERROR, TD_API_ERROR_TIMEOUT,
                                   ngettext ("The demo platform did not start "
                                             "within %u second.",
                                             "The demo platform did not start "
                                             "within %u seconds.",
                                             self->timeout_seconds),
                                   self->timeout_seconds));

  return G_SOURCE_REMOVE;
}

static gboolean
start_cancelled_idle_cb (gpointer user_data)
{
  TdDemoPlatform *self = user_data;
  GCancellable *cancellable;

  if (self->start_task == NULL)
    return G_SOURCE_REMOVE;

  cancellable = g_task_get_cancellable (self->start_task);
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    finish_start (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("Starting the demo platform "
                                               "was cancelled.")));

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  /* A handler may not disconnect itself, so finish from an idle. */
  g_idle_add_full (G_PRIORITY_DEFAULT, start_cancelled_idle_cb,
                   g_object_ref (user_data), g_object_unref);
}

#ifdef __linux__
static void
child_setup (gpointer user_data)
{
  /* If the app dies without stopping the platform, the kernel stops it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#endif

/**
 * td_demo_platform_find_program:
 *
 * Finds `textdesk-platform`: `$TEXTDESK_PLATFORM` when set, else next to
 * the running program (the build tree, or an installed bindir), else in
 * the bindir this build was configured for.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL
 */
char *
td_demo_platform_find_program (void)
{
  g_autofree char *self_path = NULL;
  const char *env;

  env = g_getenv ("TEXTDESK_PLATFORM");
  if (env != NULL && *env != '\0')
    return g_strdup (env);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_path);
      g_autofree char *candidate = g_build_filename (dir, "textdesk-platform", NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&candidate);
    }

  {
    g_autofree char *candidate = g_build_filename (BINDIR, "textdesk-platform", NULL);

    if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
      return g_steal_pointer (&candidate);
  }

  return NULL;
}

static void
td_demo_platform_dispose (GObject *object)
{
  TdDemoPlatform *self = TD_DEMO_PLATFORM (object);

  g_cancellable_cancel (self->cancellable);

  if (self->start_task != NULL)
    finish_start (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("Starting the demo platform "
                                               "was cancelled.")));

  /* The last chance to stop the child; the GSubprocess reaps it. */
  if (self->process != NULL)
    g_subprocess_send_signal (self->process, SIGTERM);

  g_clear_object (&self->output);
  g_clear_object (&self->process);

  G_OBJECT_CLASS (td_demo_platform_parent_class)->dispose (object);
}

static void
td_demo_platform_finalize (GObject *object)
{
  TdDemoPlatform *self = TD_DEMO_PLATFORM (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (td_demo_platform_parent_class)->finalize (object);
}

static void
td_demo_platform_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TdDemoPlatform *self = TD_DEMO_PLATFORM (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, td_demo_platform_get_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_demo_platform_class_init (TdDemoPlatformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_demo_platform_dispose;
  object_class->finalize = td_demo_platform_finalize;
  object_class->get_property = td_demo_platform_get_property;

  /**
   * TdDemoPlatform:base-url:
   *
   * The address the platform listens on, once it has started.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TdDemoPlatform:running:
   *
   * Whether the child process runs.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_demo_platform_init (TdDemoPlatform *self)
{
  self->cancellable = g_cancellable_new ();
  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
}

/**
 * td_demo_platform_new:
 *
 * Returns: (transfer full): a new #TdDemoPlatform, not started
 */
TdDemoPlatform *
td_demo_platform_new (void)
{
  return g_object_new (TD_TYPE_DEMO_PLATFORM, NULL);
}

/**
 * td_demo_platform_get_base_url:
 * @self: a #TdDemoPlatform
 *
 * Returns: (nullable): the platform's address, once started
 */
const char *
td_demo_platform_get_base_url (TdDemoPlatform *self)
{
  g_return_val_if_fail (TD_IS_DEMO_PLATFORM (self), NULL);

  return self->base_url;
}

/**
 * td_demo_platform_get_running:
 * @self: a #TdDemoPlatform
 *
 * Returns: whether the child process runs
 */
gboolean
td_demo_platform_get_running (TdDemoPlatform *self)
{
  g_return_val_if_fail (TD_IS_DEMO_PLATFORM (self), FALSE);

  return self->process != NULL;
}

/**
 * td_demo_platform_set_timeout:
 * @self: a #TdDemoPlatform
 * @seconds: how long a start may take
 *
 * Sets how long td_demo_platform_start_async() waits for the platform's
 * address before it gives up.
 */
void
td_demo_platform_set_timeout (TdDemoPlatform *self,
                              guint           seconds)
{
  g_return_if_fail (TD_IS_DEMO_PLATFORM (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

/**
 * td_demo_platform_start_async:
 * @self: a #TdDemoPlatform
 * @cancellable: (nullable): a #GCancellable; cancelling stops the platform
 * @callback: called when the platform listens, or failed to
 * @user_data: data for @callback
 *
 * Starts `textdesk-platform serve --demo` on a free loopback port, with its
 * database `textdesk/demo.sqlite` in the user's data folder. When it
 * already runs, completes at once with its address.
 */
void
td_demo_platform_start_async (TdDemoPlatform      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *db_path = NULL;
  GInputStream *pipe;

  g_return_if_fail (TD_IS_DEMO_PLATFORM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_demo_platform_start_async);

  if (self->start_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The demo platform is already starting."));
      return;
    }

  if (self->process != NULL && self->base_url != NULL)
    {
      g_task_return_pointer (task, g_strdup (self->base_url), g_free);
      return;
    }

  program = td_demo_platform_find_program ();
  if (program == NULL)
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_SERVER,
                               _("The demo platform (textdesk-platform) is "
                                 "not installed."));
      return;
    }

  data_dir = g_build_filename (g_get_user_data_dir (), "textdesk", NULL);
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_SERVER,
                               _("The folder for the demo data could not be "
                                 "made: %s"), g_strerror (saved_errno));
      return;
    }
  db_path = g_build_filename (data_dir, "demo.sqlite", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
#ifdef __linux__
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
#endif

  g_debug ("Starting %s with %s", program, db_path);
  self->process = g_subprocess_launcher_spawn (launcher, &error,
                                               program, "serve", "--demo",
                                               "--db", db_path,
                                               "--listen", "127.0.0.1:0",
                                               NULL);
  if (self->process == NULL)
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_SERVER,
                               _("The demo platform could not be started: %s"),
                               error->message);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  self->start_task = g_steal_pointer (&task);
  if (cancellable != NULL)
    self->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (caller_cancelled_cb),
                                                       self, NULL);
  self->timeout_id = g_timeout_add_seconds (self->timeout_seconds,
                                            start_timeout_cb, self);

  pipe = g_subprocess_get_stdout_pipe (self->process);
  self->output = g_data_input_stream_new (pipe);
  g_subprocess_wait_async (self->process, self->cancellable, wait_cb,
                           g_object_ref (self));
  read_next_line (self);
}

/**
 * td_demo_platform_start_finish:
 * @self: a #TdDemoPlatform
 * @result: the result
 * @error: a location for a %TD_API_ERROR
 *
 * Returns: (transfer none) (nullable): the platform's address, such as
 *   `http://127.0.0.1:41019`, or %NULL on error
 */
const char *
td_demo_platform_start_finish (TdDemoPlatform  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (TD_IS_DEMO_PLATFORM (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  url = g_task_propagate_pointer (G_TASK (result), error);
  if (url == NULL)
    return NULL;

  return self->base_url;
}

/* Stop */

static gboolean
stop_grace_over_cb (gpointer user_data)
{
  GSubprocess *process = user_data;

  g_debug ("Demo platform did not stop in time; killing it");
  g_subprocess_force_exit (process);

  return G_SOURCE_REMOVE;
}

static void
stop_wait_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  guint grace_id = GPOINTER_TO_UINT (g_task_get_task_data (task));

  g_source_remove (grace_id);

  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * td_demo_platform_stop_async:
 * @self: a #TdDemoPlatform
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the platform has exited
 * @user_data: data for @callback
 *
 * Asks the platform to stop (SIGTERM) and waits for it to exit; kills it
 * when it takes longer than a few seconds.
 */
void
td_demo_platform_stop_async (TdDemoPlatform      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint grace_id;

  g_return_if_fail (TD_IS_DEMO_PLATFORM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_demo_platform_stop_async);

  if (self->start_task != NULL)
    finish_start (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("Starting the demo platform "
                                               "was cancelled.")));

  if (self->process == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_subprocess_send_signal (self->process, SIGTERM);
  grace_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, STOP_GRACE_SECONDS,
                                         stop_grace_over_cb,
                                         g_object_ref (self->process),
                                         g_object_unref);
  g_task_set_task_data (task, GUINT_TO_POINTER (grace_id), NULL);
  g_subprocess_wait_async (self->process, cancellable, stop_wait_cb,
                           g_steal_pointer (&task));
}

/**
 * td_demo_platform_stop_finish:
 * @self: a #TdDemoPlatform
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: whether the platform has exited
 */
gboolean
td_demo_platform_stop_finish (TdDemoPlatform  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (TD_IS_DEMO_PLATFORM (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
