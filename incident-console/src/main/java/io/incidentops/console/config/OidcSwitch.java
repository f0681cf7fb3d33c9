package io.incidentops.console.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;

/**
 * One switch for sign-in: the development sign-in on means no identity provider, so quarkus-oidc's default tenant is
 * off (it refuses to start without {@code quarkus.oidc.auth-server-url}). An explicit
 * {@code quarkus.oidc.tenant-enabled} still wins. Without it, the local stack would have to set two keys that must agree.
 */
@Priority(100)
public class OidcSwitch implements ConfigSourceInterceptor {

    static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";
    static final String DEV_SIGN_IN = "incidentops.console.dev-sign-in.enabled";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!TENANT_ENABLED.equals(name) || explicit(value)) return value;
        ConfigValue dev = context.proceed(DEV_SIGN_IN);
        if (dev == null || !Boolean.parseBoolean(dev.getValue())) return null;
        return ConfigValue.builder().withName(name).withValue("false").withConfigSourceName("OidcSwitch").build();
    }

    /** Set by someone, not the extension's default (defaults come from sources of the lowest ordinals). */
    private static boolean explicit(ConfigValue value) {
        return value != null && value.getConfigSourceOrdinal() > 0;
    }
}
