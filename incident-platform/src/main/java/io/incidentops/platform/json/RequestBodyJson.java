package io.incidentops.platform.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The ObjectMapper that reads HTTP request bodies: the application's, plus {@link TextWithoutControlCharacters}.
 * PostgreSQL cannot store NUL (a body carrying one was a 500 after half the work), and no field of ours means BEL or
 * ESC. Only HTTP bodies: a Kafka record with such text still reaches its consumer, where losing an alert over its
 * formatting would be worse.
 */
@Provider
public class RequestBodyJson implements ContextResolver<ObjectMapper> {

    @Inject
    ObjectMapper application;

    private ObjectMapper mapper;

    @PostConstruct
    void configure() {
        mapper = application.copy().registerModule(
                new SimpleModule("incidentops-request-text").addDeserializer(String.class,
                        new TextWithoutControlCharacters()));
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
