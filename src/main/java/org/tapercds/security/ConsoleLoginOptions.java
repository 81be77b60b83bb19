package org.tapercds.security;

/**
 * Which ways of logging in the console offers, for its login page.
 *
 * @param form users from configuration (or the generated local admin) log in with a password
 * @param oidc the identity provider's login is offered ({@link #OIDC_LOGIN_PATH})
 */
public record ConsoleLoginOptions(boolean form, boolean oidc) {

    /** Where the OIDC login starts (Spring Security's authorization request for the registration). */
    public static final String OIDC_LOGIN_PATH = "/oauth2/authorization/" + ConsoleOidc.REGISTRATION_ID;
}
