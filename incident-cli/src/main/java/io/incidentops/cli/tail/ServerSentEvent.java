package io.incidentops.cli.tail;

/** One dispatched server-sent event: its {@code id:}, {@code event:} and joined {@code data:} lines. */
record ServerSentEvent(String id, String event, String data) {
}
