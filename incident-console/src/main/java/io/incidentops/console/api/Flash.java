package io.incidentops.console.api;

import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The one-shot message an action leaves for the page it redirects to ("Acknowledged", or the service's refusal).
 * It travels in a short-lived cookie, not the URL, so nobody can craft a link that shows a message of their choice.
 */
public final class Flash {

    static final String COOKIE = "incidentops_console_flash";
    private static final String ERROR = "error:";
    private static final String NOTICE = "notice:";

    /** What the page shows: {@code error} true for a refusal. */
    public record Message(String text, boolean error) {
    }

    private Flash() {
    }

    static Response notice(URI location, String text) {
        return redirect(location, NOTICE + text);
    }

    static Response error(URI location, String text) {
        return redirect(location, ERROR + text);
    }

    private static Response redirect(URI location, String value) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        return Response.seeOther(location)
                .header("Set-Cookie", COOKIE + "=" + encoded + "; Path=/; Max-Age=60; HttpOnly; SameSite=Strict")
                .build();
    }

    /** The message a cookie value carries, or null when it carries none (or something we did not write). */
    static Message read(String cookie) {
        if (cookie == null || cookie.isBlank()) return null;
        try {
            String value = new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8);
            if (value.startsWith(ERROR)) return new Message(value.substring(ERROR.length()), true);
            if (value.startsWith(NOTICE)) return new Message(value.substring(NOTICE.length()), false);
        } catch (IllegalArgumentException e) {
            // not ours: ignore
        }
        return null;
    }

    /** Attaches the cookie removal to a page response that showed the message. */
    static Response.ResponseBuilder consumed(Response.ResponseBuilder page, Message shown) {
        return shown == null ? page : page.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }
}
