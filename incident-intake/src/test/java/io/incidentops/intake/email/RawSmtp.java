package io.incidentops.intake.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An SMTP client that shows each reply code: what a sending MTA sees at RCPT and after DATA. */
final class RawSmtp implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    RawSmtp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        reply(); // greeting
        command("EHLO test.example");
    }

    /** Sends one command line; returns the (last line of the) reply, e.g. {@code "550 5.1.1 ..."}. */
    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** DATA, then the message and its terminating dot; returns the reply to the message. */
    String data(String message) throws IOException {
        String go = command("DATA");
        if (!go.startsWith("354")) return go;
        out.write(message.replace("\n.", "\n..").getBytes(StandardCharsets.UTF_8));
        return command("\r\n.");
    }

    private String reply() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) throw new IOException("the server closed the connection");
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
