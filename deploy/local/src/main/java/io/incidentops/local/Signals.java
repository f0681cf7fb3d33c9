package io.incidentops.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.concurrent.TimeUnit;

/** POSIX signals the JDK cannot send ({@code ProcessHandle} has only TERM and KILL), through {@code kill(1)}. */
final class Signals {

    private Signals() {
    }

    /** Sends {@code signal} (e.g. {@code CONT}, {@code INT}) to {@code pid}; best effort. */
    static void send(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // best effort: the caller falls back to SIGTERM/SIGKILL
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
