package io.incidentops.executor.evidence;

import java.util.List;

/**
 * Checks an exported evidence bundle on its own: entries numbered 1, 2, 3... with no gap, each entry's previous hash
 * the hash of the entry before it (the genesis for the first), each hash recomputed from the entry's fields, and the
 * head the last hash. Changing, removing or reordering any entry breaks one of these.
 */
public final class EvidenceVerifier {

    /** @param brokenAt the sequence number of the first entry that fails, null when the bundle is intact */
    public record Verification(boolean valid, Integer brokenAt, String problem) {

        static Verification ok() {
            return new Verification(true, null, null);
        }

        static Verification broken(Integer seq, String problem) {
            return new Verification(false, seq, problem);
        }
    }

    private EvidenceVerifier() {
    }

    public static Verification verify(EvidenceBundle bundle) {
        if (!EvidenceBundle.ALGORITHM.equals(bundle.algorithm())) {
            return Verification.broken(null, "unknown algorithm " + bundle.algorithm());
        }
        String previous = EvidenceBundle.GENESIS;
        List<EvidenceBundle.Entry> entries = bundle.entries();
        for (int i = 0; i < entries.size(); i++) {
            EvidenceBundle.Entry e = entries.get(i);
            if (e.seq() != i + 1) return Verification.broken(e.seq(), "expected entry " + (i + 1) + ", found " + e.seq());
            if (!previous.equals(e.prevHash())) {
                return Verification.broken(e.seq(), "its previous hash is not the hash of entry " + i);
            }
            if (!e.expectedHash(bundle.incidentId()).equals(e.hash())) {
                return Verification.broken(e.seq(), "its hash does not match its content");
            }
            previous = e.hash();
        }
        if (!previous.equals(bundle.head())) return Verification.broken(null, "the head is not the last entry's hash");
        return Verification.ok();
    }
}
