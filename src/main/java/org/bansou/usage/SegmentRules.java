package org.bansou.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Segment's rules for one message: what it must carry, how large it may be, and when it happened. A message
 * that breaks a rule becomes a {@link Rejection} naming the rule; one that keeps them becomes an
 * {@link Accepted} with its time corrected for the sender's clock.
 */
final class SegmentRules {

    static final int MAX_MESSAGE_BYTES = 32 * 1024;
    static final int MAX_BATCH_BYTES = 500 * 1024;
    static final List<String> TYPES = List.of("track", "identify", "group", "page", "screen", "alias");
    private static final int MAX_ID_LENGTH = 255;
    private static final int MAX_NAME_LENGTH = 1000;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);
    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    /** A message that keeps the rules; {@code groupId} is the account external id it names, if any. */
    record Accepted(SegmentMessage message, String userId, String messageId, String groupId, String event,
                    Instant ts, String properties) {
    }

    /** Either {@code accepted} or {@code rejection} is set. */
    record Verdict(Accepted accepted, Rejection rejection) {
    }

    private SegmentRules() {
    }

    static Verdict check(SegmentMessage m, String batchSentAt, Instant receivedAt) {
        String refusal = refusal(m);
        if (refusal != null) {
            return reject(m, refusal);
        }
        Instant ts;
        try {
            ts = eventTime(m, batchSentAt, receivedAt);
        } catch (DateTimeParseException e) {
            return reject(m, e.getMessage());
        }
        if (ts.isBefore(EARLIEST)) {
            return reject(m, "the event time " + ts + " is before 2000: check \"timestamp\"");
        }
        if (ts.isAfter(receivedAt.plus(FUTURE_TOLERANCE))) {
            return reject(m, "the event time " + ts + " is more than a day after it was received (" + receivedAt
                    + "): check \"timestamp\" and \"sentAt\"");
        }
        String userId = blank(m.userId()) ? m.anonymousId() : m.userId();
        String groupId = m.type().equals("group") ? m.groupId() : m.contextGroupId();
        String event = m.type().equals("track") ? m.event() : m.name();
        String properties = switch (m.type()) {
            case "identify", "group" -> m.traits() != null ? m.traits() : m.properties();
            case "alias" -> "{\"previousId\":\""
                    + new String(JsonStringEncoder.getInstance().quoteAsString(m.previousId())) + "\"}";
            default -> m.properties();
        };
        // Segment assigns a message id when the sender gave none; such a message cannot be recognised if re-sent
        String messageId = blank(m.messageId()) ? "bansou-" + UUID.randomUUID() : m.messageId();
        return new Verdict(new Accepted(m, userId, messageId, blank(groupId) ? null : groupId, event, ts,
                properties), null);
    }

    private static String refusal(SegmentMessage m) {
        if (m.problem() != null) {
            return m.problem();
        }
        if (m.bytes() > MAX_MESSAGE_BYTES) {
            return "the message is " + m.bytes() + " bytes; a message may be at most 32 KB (" + MAX_MESSAGE_BYTES
                    + " bytes)";
        }
        if (blank(m.type())) {
            return "\"type\" is missing";
        }
        if (!TYPES.contains(m.type())) {
            return "\"type\" is \"" + clip(m.type()) + "\"; it must be one of " + String.join(", ", TYPES);
        }
        if (blank(m.userId()) && blank(m.anonymousId())) {
            return "a message needs \"userId\" or \"anonymousId\"";
        }
        switch (m.type()) {
            case "track" -> {
                if (blank(m.event())) {
                    return "a track call needs \"event\"";
                }
            }
            case "group" -> {
                if (blank(m.groupId())) {
                    return "a group call needs \"groupId\"";
                }
            }
            case "alias" -> {
                if (blank(m.previousId())) {
                    return "an alias call needs \"previousId\"";
                }
                if (blank(m.userId())) {
                    return "an alias call needs \"userId\"";
                }
            }
            default -> {
            }
        }
        String tooLong = tooLong("messageId", m.messageId(), MAX_ID_LENGTH);
        tooLong = tooLong != null ? tooLong : tooLong("userId", m.userId(), MAX_ID_LENGTH);
        tooLong = tooLong != null ? tooLong : tooLong("anonymousId", m.anonymousId(), MAX_ID_LENGTH);
        tooLong = tooLong != null ? tooLong : tooLong("groupId", m.groupId(), MAX_ID_LENGTH);
        tooLong = tooLong != null ? tooLong : tooLong("context.groupId", m.contextGroupId(), MAX_ID_LENGTH);
        tooLong = tooLong != null ? tooLong : tooLong("previousId", m.previousId(), MAX_ID_LENGTH);
        tooLong = tooLong != null ? tooLong : tooLong("event", m.event(), MAX_NAME_LENGTH);
        tooLong = tooLong != null ? tooLong : tooLong("name", m.name(), MAX_NAME_LENGTH);
        if (tooLong != null) {
            return tooLong;
        }
        for (String text : new String[] {m.messageId(), m.userId(), m.anonymousId(), m.groupId(),
                m.contextGroupId(), m.previousId(), m.event(), m.name()}) {
            if (text != null && text.indexOf('\0') >= 0) {
                return "a text field contains the NUL character (\\u0000), which cannot be stored";
            }
        }
        if (hasNulEscape(m.properties()) || hasNulEscape(m.traits())) {
            return "properties or traits contain \\u0000, which PostgreSQL cannot store in JSON";
        }
        return null;
    }

    /**
     * Segment's clock-skew correction: the sender's clock may be off, but the gap between when the event
     * happened and when it was sent is right, so timestamp = receivedAt − (sentAt − timestamp). Without a
     * timestamp the event happened when received; without sentAt the timestamp is taken as it is.
     */
    static Instant eventTime(SegmentMessage m, String batchSentAt, Instant receivedAt) {
        String original = m.timestamp() != null ? m.timestamp() : m.originalTimestamp();
        if (original == null) {
            return receivedAt;
        }
        Instant happened = parse(m.timestamp() != null ? "timestamp" : "originalTimestamp", original);
        String sent = m.sentAt() != null ? m.sentAt() : batchSentAt;
        if (sent == null) {
            return happened;
        }
        Instant sentAt = parse(m.sentAt() != null ? "sentAt" : "the batch's sentAt", sent);
        return receivedAt.minus(Duration.between(happened, sentAt));
    }

    private static Instant parse(String field, String text) {
        Instant usual = parseUsual(text);
        if (usual != null) {
            return usual;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant();
            } catch (DateTimeParseException notCompact) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException notDate) {
                        throw new DateTimeParseException("\"" + field + "\" is \"" + clip(text)
                                + "\", not an ISO-8601 time such as 2026-11-24T09:30:00.000Z", text, 0);
                    }
                }
            }
        }
    }

    /**
     * The form nearly every client sends, {@code 2026-11-24T09:30:00.123Z} (any number of fraction digits, Z or
     * ±hh:mm), read without the general parser: the time of every message is read, often twice. Null when the
     * text has another form; the general parser then decides.
     */
    static Instant parseUsual(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
        int hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int scale = 100_000_000;
            i++;
            int start = i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                if (scale > 0) {
                    nanos += (t.charAt(i) - '0') * scale;
                    scale /= 10;
                }
                i++;
            }
            if (i == start) {
                return null;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int offsetHours = digits(t, i + 1, 2), offsetMinutes = digits(t, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** JSON escapes NUL as backslash-u0000; an escaped backslash before "u0000" is not one. */
    static boolean hasNulEscape(String json) {
        if (json == null) {
            return false;
        }
        for (int i = json.indexOf('\\'); i >= 0 && i < json.length() - 1; i = json.indexOf('\\', i)) {
            if (json.charAt(i + 1) == 'u' && json.startsWith("0000", i + 2)) {
                return true;
            }
            i += 2;
        }
        return false;
    }

    private static String tooLong(String field, String value, int max) {
        return value != null && value.length() > max
                ? "\"" + field + "\" is " + value.length() + " characters long; at most " + max + " are kept"
                : null;
    }

    private static Verdict reject(SegmentMessage m, String reason) {
        return new Verdict(null, new Rejection(m.position(), clip(m.messageId()), clip(m.type()), reason));
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    static String clip(String text) {
        return text == null || text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
