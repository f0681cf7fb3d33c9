package io.incidentops.platform.failure;

import io.incidentops.platform.messaging.PoisonRecordException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    private static SQLException state(String sqlState) {
        return new SQLException("failure " + sqlState, sqlState);
    }

    @Test
    void databaseStatesThatPassAreTransient() {
        for (String s : new String[]{"08001", "08006", "53100", "53300", "57P01", "57P03", "40001", "40P01"}) {
            assertThat(TransientFailures.isTransient(state(s))).as(s).isTrue();
        }
    }

    @Test
    void databaseStatesThatARetryCannotFixAreNot() {
        // unique violation, not-null violation, syntax error, undefined table, data exception, other 40 class
        for (String s : new String[]{"23505", "23502", "42601", "42P01", "22001", "40002", "57014"}) {
            assertThat(TransientFailures.isTransient(state(s))).as(s).isFalse();
        }
    }

    @Test
    void theCauseChainIsSearched() {
        RuntimeException wrapped = new IllegalStateException("commit failed",
                new RuntimeException("could not execute statement", state("08006")));
        assertThat(TransientFailures.isTransient(wrapped)).isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void brokerPoolAndNetworkTroubleIsTransient() {
        assertThat(TransientFailures.isTransient(new RuntimeException(new NotLeaderOrFollowerException("moving"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new RecordTooLargeException("1 MB"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("Sorry, acquisition timeout!"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLTransientConnectionException("gone"))).isTrue();
        assertThat(TransientFailures.isTransient(new UncheckedIOException(new ConnectException("refused")))).isTrue();
    }

    @Test
    void poisonIsNeverTransient() {
        assertThat(TransientFailures.isTransient(new PoisonRecordException("bad JSON", state("08006")))).isFalse();
    }
}
