package io.incidentops.console.services;

/**
 * A service answered a console call with an error status. {@code detail} is the RFC 7807 problem's detail (or title)
 * when the service sent one; it is shown to the user as text (escaped), never as HTML.
 */
public class ServiceRefusal extends RuntimeException {

    private final String service;
    private final int status;
    private final String detail;

    public ServiceRefusal(String service, int status, String detail) {
        super(service + " answered " + status + (detail == null ? "" : ": " + detail));
        this.service = service;
        this.status = status;
        this.detail = detail;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public boolean forbidden() {
        return status == 403 || status == 401;
    }

    public boolean notFound() {
        return status == 404;
    }
}
