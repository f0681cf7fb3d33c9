package io.incidentops.platform.security;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an alert-ingestion endpoint: it takes an integration key as {@code Authorization: Bearer <key>}
 * instead of a JWT. Put {@code @PermitAll} next to it so JWT authentication is not asked for.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface IntegrationKeyRequired {
}
