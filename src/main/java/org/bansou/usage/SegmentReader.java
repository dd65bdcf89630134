package org.bansou.usage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a tracking API body in one streaming pass. Properties and traits are kept as the exact JSON text the
 * client sent (sliced out of the body, not parsed into objects and written again), and every message's size
 * is measured on the bytes it took in the body, as Segment measures its 32 KB limit.
 */
final class SegmentReader {

    /** The body is not JSON of the expected shape; the whole request is refused with this reason. */
    static final class MalformedBody extends Exception {
        MalformedBody(String reason) {
            super(reason);
        }
    }

    private final JsonFactory json;

    SegmentReader(JsonFactory json) {
        this.json = json;
    }

    /** A batch body: {@code {"batch": [...], "sentAt": ..., "context": ..., "writeKey": ...}}. */
    SegmentPayload readBatch(byte[] body, int length) throws MalformedBody {
        try (JsonParser parser = json.createParser(body, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedBody("the body must be a JSON object with a \"batch\" array");
            }
            List<SegmentMessage> messages = null;
            String sentAt = null;
            String writeKey = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "batch" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new MalformedBody("\"batch\" must be an array of messages");
                        }
                        messages = new ArrayList<>();
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            messages.add(readMessage(parser, body, messages.size(), null, null));
                        }
                    }
                    case "sentAt" -> sentAt = scalar(parser);
                    case "writeKey" -> writeKey = scalar(parser);
                    default -> parser.skipChildren();
                }
            }
            if (messages == null) {
                throw new MalformedBody("the body has no \"batch\" array");
            }
            return new SegmentPayload(messages, sentAt, writeKey);
        } catch (JsonProcessingException e) {
            throw new MalformedBody("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBody("the body could not be read: " + e.getMessage());
        }
    }

    /** A single-message body of {@code /v1/track}, {@code /v1/identify}, ...: the path says its type. */
    SegmentPayload readSingle(byte[] body, int length, String type) throws MalformedBody {
        try (JsonParser parser = json.createParser(body, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedBody("the body must be a JSON object");
            }
            String[] writeKey = new String[1];
            SegmentMessage message = readMessage(parser, body, 0, type, writeKey);
            if (parser.nextToken() != null) {
                throw new MalformedBody("the body has more than one JSON value");
            }
            return new SegmentPayload(List.of(message), null, writeKey[0]);
        } catch (JsonProcessingException e) {
            throw new MalformedBody("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBody("the body could not be read: " + e.getMessage());
        }
    }

    /**
     * Reads one message starting at its first token. {@code impliedType} overrides the type field (single
     * endpoints); {@code single}, for a single-message body, receives its writeKey.
     */
    private SegmentMessage readMessage(JsonParser parser, byte[] body, int position, String impliedType,
                                       String[] single) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            int bytes = (int) (parser.currentLocation().getByteOffset() - start);
            return new SegmentMessage(position, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, bytes, "the message is not a JSON object");
        }
        String type = null, messageId = null, userId = null, anonymousId = null, event = null, name = null;
        String groupId = null, contextGroupId = null, previousId = null, timestamp = null;
        String originalTimestamp = null, sentAt = null, properties = null, traits = null, problem = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "type", "messageId", "userId", "anonymousId", "event", "name", "groupId", "previousId",
                     "timestamp", "originalTimestamp", "sentAt", "writeKey" -> {
                    if (value.isStructStart()) {
                        parser.skipChildren();
                        problem = problem != null ? problem : "\"" + field + "\" must be a string";
                        continue;
                    }
                    String text = parser.getText();
                    switch (field) {
                        case "type" -> type = text;
                        case "messageId" -> messageId = text;
                        case "userId" -> userId = text;
                        case "anonymousId" -> anonymousId = text;
                        case "event" -> event = text;
                        case "name" -> name = text;
                        case "groupId" -> groupId = text;
                        case "previousId" -> previousId = text;
                        case "timestamp" -> timestamp = text;
                        case "originalTimestamp" -> originalTimestamp = text;
                        case "sentAt" -> sentAt = text;
                        default -> {
                            if (single != null) {
                                single[0] = text;
                            }
                        }
                    }
                }
                case "properties", "traits" -> {
                    if (value != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        problem = problem != null ? problem : "\"" + field + "\" must be a JSON object";
                        continue;
                    }
                    int from = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int to = (int) parser.currentLocation().getByteOffset();
                    String raw = new String(body, from, to - from, StandardCharsets.UTF_8);
                    if (field.equals("properties")) {
                        properties = raw;
                    } else {
                        traits = raw;
                    }
                }
                case "context" -> {
                    if (value != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String contextField = parser.currentName();
                        JsonToken contextValue = parser.nextToken();
                        if (contextField.equals("groupId") && contextValue.isScalarValue()
                                && contextValue != JsonToken.VALUE_NULL) {
                            contextGroupId = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        int bytes = (int) (parser.currentLocation().getByteOffset() - start);
        return new SegmentMessage(position, impliedType != null ? impliedType : type, messageId, userId,
                anonymousId, event, name, groupId, contextGroupId, previousId, timestamp, originalTimestamp,
                sentAt, properties, traits, bytes, problem);
    }

    private static String scalar(JsonParser parser) throws IOException {
        if (parser.currentToken().isStructStart()) {
            parser.skipChildren();
            return null;
        }
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getText();
    }
}
