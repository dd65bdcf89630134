package org.bansou.usage;

import java.time.Instant;

/** An API key that may send usage, and what it sent in the last 24 hours. */
record KeyInUse(String name, String prefix, String scope, Instant lastUsedAt, boolean revoked, long requests,
                long accepted, long duplicates, long rejected) {
}
