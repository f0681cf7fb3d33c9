package io.incidentops.console.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.incidentops.local.LocalInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * An OpenID Connect provider as far as the console needs one: discovery and the signing key (JWKS). Its issuer is
 * {@code incidentops} and it signs with the local key, so test-support's tokens are this provider's access tokens.
 */
public class IdentityProviderResource implements QuarkusTestResourceLifecycleManager {

    public static final String AUTHORIZE = "/protocol/openid-connect/auth";

    private static WireMockServer server;

    public static String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = baseUrl();
        server.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"issuer":"incidentops","authorization_endpoint":"%1$s%2$s",
                         "token_endpoint":"%1$s/protocol/openid-connect/token","jwks_uri":"%1$s/protocol/openid-connect/certs",
                         "end_session_endpoint":"%1$s/protocol/openid-connect/logout"}
                        """.formatted(base, AUTHORIZE))));
        RSAPublicKey key = (RSAPublicKey) LocalInfra.shared().security().publicKey();
        server.stubFor(get(urlPathEqualTo("/protocol/openid-connect/certs")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"incidentops-local","n":"%s","e":"%s"}]}
                        """.formatted(b64(key.getModulus()), b64(key.getPublicExponent())))));
        return Map.of(
                "quarkus.oidc.auth-server-url", base,
                "quarkus.oidc.client-id", "incident-console",
                "quarkus.oidc.credentials.secret", "a-test-client-secret-of-32-characters-or-more",
                "quarkus.oidc.token.audience", "incident-console");
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
