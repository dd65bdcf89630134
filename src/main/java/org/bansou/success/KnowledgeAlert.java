package org.bansou.success;

import java.time.Instant;

/** An in-app alert to one CSM: a change in a customer's world, or a theme their customer asked for shipped. */
public record KnowledgeAlert(long id, long userId, Long accountId, String kind, String subject, String detail,
                             String link, Instant createdAt, boolean isNew) {
}
