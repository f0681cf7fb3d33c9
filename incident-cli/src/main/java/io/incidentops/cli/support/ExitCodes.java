package io.incidentops.cli.support;

/**
 * The process exit codes, one per kind of failure, so that scripts can tell "retry later" from "fix your call".
 * Picocli answers usage errors with 2 itself.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The service refused the request (400, 409, 422...: the input or the incident's state is wrong), or an unexpected error. */
    public static final int FAILED = 1;
    /** Wrong command line, or nothing configured to call (no URL, no token). */
    public static final int USAGE = 2;
    /** 401 or 403: no valid token, or a role that may not do this. */
    public static final int AUTH = 3;
    /** 404: no such incident, runbook or schedule. */
    public static final int NOT_FOUND = 4;
    /** 5xx, a timeout, or the service cannot be reached. */
    public static final int UNAVAILABLE = 5;

    private ExitCodes() {
    }

    /** The exit code for an HTTP error status. */
    public static int forStatus(int status) {
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        return status >= 500 ? UNAVAILABLE : FAILED;
    }
}
