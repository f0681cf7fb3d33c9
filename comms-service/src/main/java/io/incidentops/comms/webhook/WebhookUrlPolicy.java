package io.incidentops.comms.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** SSRF guard: a webhook URL must be absolute http(s), without user info, to a host on the allow-list. */
public final class WebhookUrlPolicy {

    private final String allowListKey;
    private final List<String> allowedHosts;

    /** @param allowListKey the configuration key of {@code allowedHosts}, named when a host is refused */
    public WebhookUrlPolicy(String allowListKey, List<String> allowedHosts) {
        this.allowListKey = allowListKey;
        this.allowedHosts = allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * @return the parsed URL
     * @throws IllegalArgumentException naming the rule broken (the URL itself is a secret and is not repeated)
     */
    public URI check(String name, String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(name + " must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(name + " must not carry user info");
        }
        String host = uri.getHost();
        if (host == null || !isAllowed(host)) {
            throw new IllegalArgumentException(name + " points at host '" + host
                    + "', which is not in " + allowListKey);
        }
        return uri;
    }

    boolean isAllowed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.")) {
                if (h.endsWith(allowed.substring(1)) && h.length() > allowed.length() - 1) return true;
            } else if (allowed.equals(h)) {
                return true;
            }
        }
        return false;
    }
}
