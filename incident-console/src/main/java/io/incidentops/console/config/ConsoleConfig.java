package io.incidentops.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code incidentops.console.*}: where the services are and how people sign in (README.md lists every key). */
@ConfigMapping(prefix = "incidentops.console")
public interface ConsoleConfig {

    /** Base URL of incident-intake (the REST client reads it through quarkus.rest-client.intake.url). */
    String intakeUrl();

    String executorUrl();

    String commsUrl();

    String reporterUrl();

    /** The public status page (comms' {@code /}), linked from the update forms. */
    Optional<String> statusPageUrl();

    DevSignIn devSignIn();

    /** Sign-in with the local stack's development key: one button per role, no identity provider. */
    interface DevSignIn {

        /** Off by default: with it on, anyone who reaches the console can sign in with any role. */
        @WithDefault("false")
        boolean enabled();

        /** PKCS#8 PEM private key the console signs its tokens with (deploy/local's privateKey.pem). */
        Optional<String> privateKeyLocation();

        /** PEM public key the console verifies its cookie and bearer tokens with (deploy/local's publicKey.pem). */
        Optional<String> publicKeyLocation();

        /** How long a development sign-in lasts. */
        @WithDefault("12h")
        Duration lifetime();
    }
}
