package io.incidentops.intake.alerts;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static io.incidentops.events.model.IncidentType.*;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentTypeClassifierTest {

    @Test
    void aLabelNamingATypeWins() {
        assertThat(IncidentTypeClassifier.classify(Map.of("type", "security-incident"), "disk full")).isEqualTo(SECURITY_INCIDENT);
        assertThat(IncidentTypeClassifier.classify(Map.of("category", "Data Loss"), "latency")).isEqualTo(DATA_LOSS);
        assertThat(IncidentTypeClassifier.classify(Map.of("type", "metric"), "High latency")).isEqualTo(PERFORMANCE_DEGRADATION);
    }

    @Test
    void keywordsInTheDocumentedOrder() {
        assertThat(classify("Unauthorized access to admin API")).isEqualTo(SECURITY_INCIDENT);
        assertThat(classify("DDoS on edge")).isEqualTo(SECURITY_INCIDENT);
        assertThat(classify("Orders table corrupted")).isEqualTo(DATA_LOSS);
        assertThat(classify("Errors after deploy of v42")).isEqualTo(DEPLOYMENT_RELATED);
        assertThat(classify("Database latency high")).isEqualTo(PERFORMANCE_DEGRADATION);
        assertThat(classify("Checkout error rate above 5%")).isEqualTo(PERFORMANCE_DEGRADATION);
        assertThat(classify("Stripe API failing")).isEqualTo(THIRD_PARTY_FAILURE);
        assertThat(classify("NodeDiskFull")).isEqualTo(INFRASTRUCTURE_FAILURE);
        assertThat(classify("Memory pressure on workers")).isEqualTo(INFRASTRUCTURE_FAILURE);
        assertThat(classify("Search unavailable")).isEqualTo(SERVICE_OUTAGE);
        assertThat(classify("Something odd")).isEqualTo(SERVICE_OUTAGE);
    }

    @Test
    void anEarlierGroupWinsWhereverItStandsInTheText() {
        assertThat(classify("Outage on the payment provider after the release")).isEqualTo(DEPLOYMENT_RELATED);
        assertThat(classify("HighLatency", "orders service down, database slow")).isEqualTo(PERFORMANCE_DEGRADATION);
        assertThat(classify("timed out on data loss check")).isEqualTo(DATA_LOSS);
    }

    @Test
    void keywordsAreWordsNotSubstrings() {
        assertThat(classify("nodejs worker restarted")).isEqualTo(SERVICE_OUTAGE); // "node" only as a word
        assertThat(classify("slowness reported")).isEqualTo(PERFORMANCE_DEGRADATION);
    }

    @Test
    void camelCaseWordsOfTwoLettersSplitToo() {
        // the regular expressions this replaced left "UpDown" whole (their CamelCase split could not overlap)
        assertThat(classify("ServiceIsUpDown")).isEqualTo(SERVICE_OUTAGE);
        assertThat(classify("IsUpDeployFailed")).isEqualTo(DEPLOYMENT_RELATED);
        assertThat(classify("DataLoss")).isEqualTo(DATA_LOSS);
        assertThat(classify("data_loss")).isEqualTo(DATA_LOSS);
        assertThat(classify("third-party", "third party")).isEqualTo(THIRD_PARTY_FAILURE);
        assertThat(classify("data, loss")).isEqualTo(SERVICE_OUTAGE);
        assertThat(classify("data  loss")).isEqualTo(SERVICE_OUTAGE);
        assertThat(classify("data-loss")).isEqualTo(SERVICE_OUTAGE);
    }

    /**
     * The word scanner agrees with the regular expressions it replaced on generated texts of keywords, near misses,
     * CamelCase, separators and non-ASCII letters (two-letter CamelCase words, where they differ, left out).
     */
    @Test
    void agreesWithTheRegularExpressionsItReplaced() {
        List<String> pieces = List.of("breach", "Breached", "unauthorized", "unauthorised", "intrusions", "DDoS",
                "data", "Data", "loss", "Loss", "corrupted", "Corrupt", "deploy", "Deployment", "rollout", "rollouts",
                "release", "Releases", "released", "latency", "Latency", "slow", "slowness", "timeout", "Timeouts",
                "timed", "out", "error", "rate", "Error", "Rate", "third", "party", "vendor", "Vendors", "upstream",
                "stripe", "provider", "disk", "Disks", "cpu", "CPU", "memory", "node", "Node", "nodes", "nodejs",
                "network", "networking", "database", "databases", "down", "Down", "downtime", "unavailable", "outage",
                "5xx", "High", "Checkout", "Full", "x", "café", "downé", "naïve", "42", "Orders", "payments");
        List<String> joints = List.of(" ", " ", " ", "", "", "-", "_", "  ", ", ", ".", "\n", "/", ":", "é");
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + random.nextInt(8);
            for (int w = 0; w < words; w++) {
                if (w > 0) text.append(joints.get(random.nextInt(joints.size())));
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            String second = random.nextBoolean() ? null : pieces.get(random.nextInt(pieces.size()));
            assertThat(IncidentTypeClassifier.classify(Map.of(), text.toString(), second))
                    .as("%s / %s", text, second)
                    .isEqualTo(RegexReference.classify(text.toString(), second));
        }
    }

    /** The classifier as it was written with regular expressions (before the word scanner). */
    private static final class RegexReference {
        private static final Map<io.incidentops.events.model.IncidentType, Pattern> KEYWORDS = new LinkedHashMap<>();
        private static final Pattern CAMEL_CASE_BOUNDARY = Pattern.compile("([a-z0-9])([A-Z][a-z])");

        static {
            KEYWORDS.put(SECURITY_INCIDENT, words("breach\\w*|unauthori[sz]ed|intrusion\\w*|ddos"));
            KEYWORDS.put(DATA_LOSS, words("data loss|corrupt\\w*"));
            KEYWORDS.put(DEPLOYMENT_RELATED, words("deploy\\w*|rollouts?|releases?|released"));
            KEYWORDS.put(PERFORMANCE_DEGRADATION, words("latency|slow\\w*|timeouts?|timed out|error rate"));
            KEYWORDS.put(THIRD_PARTY_FAILURE, words("third[- ]party|vendors?|upstream|stripe|providers?"));
            KEYWORDS.put(INFRASTRUCTURE_FAILURE, words("disks?|cpu|memory|nodes?|network\\w*|database\\w*"));
            KEYWORDS.put(SERVICE_OUTAGE, words("down|unavailable|outage|5xx"));
        }

        static io.incidentops.events.model.IncidentType classify(String... texts) {
            StringBuilder all = new StringBuilder();
            for (String text : texts) {
                if (text != null) all.append(text).append('\n');
            }
            String haystack = CAMEL_CASE_BOUNDARY.matcher(all).replaceAll("$1 $2").replace('_', ' ')
                    .toLowerCase(Locale.ROOT);
            for (Map.Entry<io.incidentops.events.model.IncidentType, Pattern> e : KEYWORDS.entrySet()) {
                if (e.getValue().matcher(haystack).find()) {
                    return e.getKey();
                }
            }
            return SERVICE_OUTAGE;
        }

        private static Pattern words(String alternatives) {
            return Pattern.compile("\\b(?:" + alternatives + ")\\b");
        }
    }

    private static io.incidentops.events.model.IncidentType classify(String... texts) {
        return IncidentTypeClassifier.classify(Map.of(), texts);
    }
}
