package io.incidentops.console.support;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's state after the development sign-in: the session cookie (its token), and the CSRF cookie and form
 * token every form needs. {@link #signIn(String, String)} goes through the real sign-in page and form.
 */
public record Session(String user, String sessionCookie, String csrfCookie, String csrfToken) {

    public static final String SESSION = "incidentops_console_session";
    public static final String CSRF_COOKIE = "csrf-token";
    public static final String CSRF_FIELD = "csrf-token";
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"" + CSRF_FIELD + "\" value=\"([^\"]+)\"");

    /** Signs in as {@code user} with the role set of {@code role} through GET /sign-in and POST /sign-in/dev. */
    public static Session signIn(String user, String role) {
        Response page = given().accept("text/html").when().get("/sign-in");
        assertThat(page.statusCode()).isEqualTo(200);
        String csrfCookie = page.cookie(CSRF_COOKIE);
        String csrfToken = formToken(page.asString());
        Response signedIn = given().redirects().follow(false)
                .cookie(CSRF_COOKIE, csrfCookie)
                .contentType("application/x-www-form-urlencoded")
                .formParam(CSRF_FIELD, csrfToken).formParam("role", role).formParam("user", user)
                .when().post("/sign-in/dev");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String session = signedIn.cookie(SESSION);
        assertThat(session).isNotBlank();
        return new Session(user, session, csrfCookie, csrfToken);
    }

    public static String formToken(String html) {
        Matcher m = CSRF_INPUT.matcher(html);
        assertThat(m.find()).as("a form with the CSRF token field").isTrue();
        return m.group(1);
    }

    /** A request as this browser: its cookies, HTML accepted, redirects not followed. */
    public RequestSpecification browser() {
        return given().redirects().follow(false).accept("text/html")
                .cookie(SESSION, sessionCookie).cookie(CSRF_COOKIE, csrfCookie);
    }

    /** A form POST as this browser, with the CSRF token. */
    public RequestSpecification form() {
        return browser().contentType("application/x-www-form-urlencoded").formParam(CSRF_FIELD, csrfToken);
    }

    public String bearer() {
        return "Bearer " + sessionCookie;
    }
}
