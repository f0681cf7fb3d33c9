package io.incidentops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPagingTest {

    @Test
    void eachLinkSignerGetsASecretOfItsOwnKeptBesideTheStacksKeys(@TempDir Path security) throws Exception {
        try (LocalPaging paging = LocalPaging.start(security)) {
            String ack = paging.env("incident-intake", "http://127.0.0.1:1").get("INCIDENTOPS_ONCALL_ACK_SIGNING_SECRET");
            String approval = paging.env("runbook-executor", "http://127.0.0.1:2")
                    .get("INCIDENTOPS_EXECUTOR_APPROVAL_LINKS_SIGNING_SECRET");

            assertEquals(Files.readString(security.resolve("ack-signing-secret")), ack);
            assertEquals(Files.readString(security.resolve("approval-links-signing-secret")), approval);
            assertEquals(43, approval.length()); // the executor refuses secrets under 32 characters
            assertNotEquals(ack, approval, "a leaked ack secret must not sign mitigation decisions");
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(security.resolve("approval-links-signing-secret"))));
        }
    }

    /** Ack and approval links in pages sent before a restart of the stack keep working after it. */
    @Test
    void secretsAreKeptFromOneStartToTheNext(@TempDir Path security) throws Exception {
        String ack;
        try (LocalPaging first = LocalPaging.start(security)) {
            ack = first.env("incident-intake", "http://127.0.0.1:1").get("INCIDENTOPS_ONCALL_ACK_SIGNING_SECRET");
        }
        try (LocalPaging second = LocalPaging.start(security)) {
            assertEquals(ack, second.env("incident-intake", "http://127.0.0.1:1")
                    .get("INCIDENTOPS_ONCALL_ACK_SIGNING_SECRET"));
        }
    }
}
