/* td-sign-in-page.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_SIGN_IN_PAGE (td_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (TdSignInPage, td_sign_in_page, TD, SIGN_IN_PAGE, AdwBin)

void        td_sign_in_page_set_server     (TdSignInPage *self,
                                            const char   *server);
const char *td_sign_in_page_get_server     (TdSignInPage *self);
void        td_sign_in_page_set_email      (TdSignInPage *self,
                                            const char   *email);
const char *td_sign_in_page_get_email      (TdSignInPage *self);
void        td_sign_in_page_show_message   (TdSignInPage *self,
                                            const char   *message);
void        td_sign_in_page_show_error     (TdSignInPage *self,
                                            const GError *error,
                                            const char   *server);
void        td_sign_in_page_reset          (TdSignInPage *self);
void        td_sign_in_page_sign_in        (TdSignInPage *self);
void        td_sign_in_page_try_demo       (TdSignInPage *self);
gboolean    td_sign_in_page_get_busy       (TdSignInPage *self);
void        td_sign_in_page_focus          (TdSignInPage *self);

char       *td_sign_in_page_describe_error (const GError *error,
                                            const char   *server);
char       *td_sign_in_page_normalize_server (const char *text,
                                              GError    **error);

G_END_DECLS
