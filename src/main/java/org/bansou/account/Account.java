package org.bansou.account;

import java.time.Instant;

/** One customer company. {@code version} guards against two people saving over each other. */
public record Account(long id, String externalId, String name, String industry, String employeeBand,
                      String decisionStyle, Long ownerUserId, String ownerName, String touchTier,
                      String lifecycleStage, int version, Instant createdAt, Instant archivedAt) {
}
