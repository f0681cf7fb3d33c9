package io.incidentops.console.signin;

/** The cookie that carries a development sign-in's token: HttpOnly (no script reads it), SameSite=Strict. */
public final class SessionCookie {

    public static final String NAME = "incidentops_console_session";

    private SessionCookie() {
    }

    /** The Set-Cookie value that stores {@code token}; Secure when the console is reached over HTTPS. */
    public static String set(String token, long maxAgeSeconds, boolean secure) {
        return NAME + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The Set-Cookie value that removes it. */
    public static String clear(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
