package io.incidentops.intake.integrations;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An alert-ingestion endpoint: it takes an integration key ({@code Authorization: Bearer <key>}) that may use
 * {@link #value() the route} instead of a JWT. Combine with {@code @PermitAll}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface IntegrationKeyRequired {
    IntegrationRoute value();
}
