package io.incidentops.intake.senders;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Intake as the real senders reach it: besides plain HTTP, HTTPS on a free port with a self-signed certificate for
 * {@code localhost}, because {@code @pagerduty/pdjs} always builds {@code https://<server>/v2/...} URLs. The key store
 * and the certificate (PEM, for {@code NODE_EXTRA_CA_CERTS}) are written under {@code target/senders/tls} by the
 * JDK's own {@code keytool}.
 */
public class SendersProfile implements QuarkusTestProfile {

    static final Path DIR = Path.of("target", "senders").toAbsolutePath();
    static final Path CERTIFICATE = DIR.resolve("tls/intake.pem");
    private static final Path KEY_STORE = DIR.resolve("tls/intake.p12");
    private static final String PASSWORD = "senders-test-only";

    @Override
    public Map<String, String> getConfigOverrides() {
        writeSelfSignedCertificate();
        return Map.of("quarkus.tls.key-store.p12.path", KEY_STORE.toString(),
                "quarkus.tls.key-store.p12.password", PASSWORD,
                "quarkus.http.test-ssl-port", "0");
    }

    private static void writeSelfSignedCertificate() {
        try {
            Files.createDirectories(KEY_STORE.getParent());
            Files.deleteIfExists(KEY_STORE);
            keytool("-genkeypair", "-alias", "intake", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", KEY_STORE.toString(), "-storepass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "intake", "-keystore", KEY_STORE.toString(),
                    "-storepass", PASSWORD, "-file", CERTIFICATE.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test certificate under " + KEY_STORE.getParent(), e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(DIR.resolve("tls/keytool.log").toFile())).start();
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: see " + DIR.resolve("tls/keytool.log"));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
