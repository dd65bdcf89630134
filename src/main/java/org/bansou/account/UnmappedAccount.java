package org.bansou.account;

import java.time.Instant;

/** An account bansou created because usage data named it before any import did, and since when. */
public record UnmappedAccount(long id, String externalId, String name, Instant unmappedAt) {
}
