package io.incidentops.platform.testapp;

import io.incidentops.testsupport.InfraTestResource;

import java.util.Set;

/** Bearer tokens for the platform's test application, whose audience is its name (the services' tokens are refused). */
public final class TestAppTokens {

    public static final String AUDIENCE = "platform-test";

    private TestAppTokens() {
    }

    public static String token(String subject, String... roles) {
        return InfraTestResource.tokenFor(Set.of(AUDIENCE), subject, roles);
    }
}
