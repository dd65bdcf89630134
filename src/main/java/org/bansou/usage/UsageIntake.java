package org.bansou.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bansou.account.Accounts;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in one request's messages: checks each against Segment's rules, finds each event's account, and
 * stores the events, the user-to-account links and the intake log in one transaction, so the sender is told
 * "200" only for what is committed and a re-sent message is stored once. The daily rollup counts the stored
 * events within a second ({@link UsageDaily}).
 */
@Component
class UsageIntake {

    /** What became of a request's messages: stored now, already stored before, and refused with reasons. */
    record Outcome(int accepted, int duplicates, List<Rejection> rejections) {
    }

    private final Accounts accounts;
    private final UsageUsers users;
    private final UsageEvents events;
    private final UsagePartitions partitions;
    private final IntakeLog log;
    private final TransactionTemplate transaction;

    UsageIntake(Accounts accounts, UsageUsers users, UsageEvents events, UsagePartitions partitions, IntakeLog log,
                PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.users = users;
        this.events = events;
        this.partitions = partitions;
        this.log = log;
        this.transaction = new TransactionTemplate(transactions);
    }

    Outcome receive(long apiKeyId, String endpoint, SegmentPayload payload, int bytes, Instant receivedAt) {
        List<Rejection> rejections = new ArrayList<>();
        Map<String, SegmentRules.Accepted> accepted = new LinkedHashMap<>();
        int repeatedInBatch = 0;
        for (SegmentMessage message : payload.messages()) {
            SegmentRules.Verdict verdict = SegmentRules.check(message, payload.sentAt(), receivedAt);
            if (verdict.rejection() != null) {
                rejections.add(verdict.rejection());
            } else if (accepted.putIfAbsent(verdict.accepted().messageId(), verdict.accepted()) != null) {
                repeatedInBatch++; // the same message twice in one batch is one message
            }
        }
        // partitions are made in transactions of their own, before the events' transaction takes its locks
        partitions.ensureFor(UsagePartitions.monthsOf(accepted.values(), SegmentRules.Accepted::ts));
        int repeated = repeatedInBatch;
        return transaction.execute(status -> store(apiKeyId, endpoint, bytes, receivedAt,
                new ArrayList<>(accepted.values()), repeated, rejections));
    }

    /** Logs a request refused as a whole (too large, not JSON) for a sender whose key is known. */
    void refuse(long apiKeyId, String endpoint, int bytes, Instant receivedAt, String reason) {
        transaction.executeWithoutResult(status -> log.record(apiKeyId, endpoint, receivedAt, bytes, 0, 0,
                List.of(new Rejection(null, null, null, reason))));
    }

    private Outcome store(long apiKeyId, String endpoint, int bytes, Instant receivedAt,
                          List<SegmentRules.Accepted> messages, int repeatedInBatch, List<Rejection> rejections) {
        Set<String> groupIds = new HashSet<>(); // the insert of unknown accounts orders them itself
        Set<String> userIds = new HashSet<>();
        for (SegmentRules.Accepted message : messages) {
            if (message.groupId() != null) {
                groupIds.add(message.groupId());
            }
            // a group call says the account itself; any other call without context.groupId inherits the user's
            if (message.message().type().equals("alias")) {
                userIds.add(message.userId());
                userIds.add(message.message().previousId());
            } else if (message.groupId() == null) {
                userIds.add(message.userId());
            }
        }
        Map<String, Long> accountOfGroup = groupIds.isEmpty() ? Map.of() : accounts.ensureUnmapped(groupIds);
        Map<String, Long> accountOfUser = new HashMap<>(users.accountsOf(userIds));
        Map<String, UsageUsers.Link> links = new LinkedHashMap<>();
        List<UsageEvent> toStore = new ArrayList<>(messages.size());
        for (SegmentRules.Accepted message : messages) {
            String type = message.message().type();
            String userId = message.userId();
            Long accountId;
            if (type.equals("group")) {
                accountId = accountOfGroup.get(message.groupId());
                accountOfUser.put(userId, accountId);
                links.put(userId, new UsageUsers.Link(userId, accountId, message.ts()));
            } else if (type.equals("alias") && !accountOfUser.containsKey(userId)
                    && accountOfUser.containsKey(message.message().previousId())) {
                // the user signed up under a new id: it keeps the account of the id it had before
                accountId = accountOfUser.get(message.message().previousId());
                accountOfUser.put(userId, accountId);
                links.put(userId, new UsageUsers.Link(userId, accountId, message.ts()));
            } else {
                accountId = message.groupId() != null ? accountOfGroup.get(message.groupId()) : accountOfUser.get(userId);
            }
            toStore.add(new UsageEvent(accountId, userId, message.message().anonymousId(), type, message.event(),
                    message.ts(), receivedAt, message.messageId(), message.properties()));
        }
        int fresh = events.appendAll(toStore);
        users.linkAll(links.values());
        Map<String, Long> linked = new HashMap<>();
        links.values().forEach(link -> linked.put(link.userId(), link.accountId()));
        events.attributeWaiting(linked);
        int duplicates = toStore.size() - fresh + repeatedInBatch;
        log.record(apiKeyId, endpoint, receivedAt, bytes, fresh, duplicates, rejections);
        return new Outcome(fresh, duplicates, rejections);
    }
}
