package org.bansou.usage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.bansou.security.ApiKeys;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Segment HTTP Tracking API: {@code POST /v1/batch}, {@code /v1/import}, {@code /v1/track},
 * {@code /v1/identify}, {@code /v1/group}, {@code /v1/page}, {@code /v1/screen} and {@code /v1/alias}.
 * <p>
 * It sits in the security filter chain of {@code /v1/**} and answers there, because the write key may be in
 * the (possibly gzip) body: the body is read once, as raw bytes whatever the Content-Type says (some SDKs
 * label gzip JSON as a form post), so nothing may parse it as form parameters before, and the key is checked
 * after reading it. Only an ingest or admin key may send.
 */
final class TrackingApi extends OncePerRequestFilter {

    private static final Set<String> BATCH_ENDPOINTS = Set.of("batch", "import");
    private static final Set<String> SINGLE_ENDPOINTS = Set.of("track", "identify", "group", "page", "screen", "alias");

    private final ApiKeys keys;
    private final UsageIntake intake;
    private final ObjectMapper json;
    private final Clock clock;

    TrackingApi(ApiKeys keys, UsageIntake intake, ObjectMapper json, Clock clock) {
        this.keys = keys;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    /** The request is too large or not readable as sent; the whole request is refused with this reason. */
    private static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        Instant receivedAt = clock.instant();
        String endpoint = endpoint(request);
        boolean batch = BATCH_ENDPOINTS.contains(endpoint);
        if (!batch && !SINGLE_ENDPOINTS.contains(endpoint)) {
            answer(response, 404, failure("there is no tracking endpoint " + request.getRequestURI() + "; use"
                    + " /v1/batch, /v1/import, /v1/track, /v1/identify, /v1/group, /v1/page, /v1/screen or /v1/alias"));
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            answer(response, 405, failure("the tracking API takes POST requests"));
            return;
        }
        Optional<String> headerKey = keyInHeader(request);
        int limit = batch ? SegmentRules.MAX_BATCH_BYTES : SegmentRules.MAX_MESSAGE_BYTES;
        byte[] body;
        SegmentPayload payload;
        try {
            body = read(request, limit);
            SegmentReader reader = new SegmentReader(json.getFactory());
            payload = batch ? reader.readBatch(body, body.length) : reader.readSingle(body, body.length, endpoint);
        } catch (Unreadable | SegmentReader.MalformedBody refused) {
            Optional<ApiKeys.ApiKey> key = headerKey.flatMap(keys::authenticate)
                    .filter(TrackingApi::maySend);
            key.ifPresent(known -> intake.refuse(known.id(), endpoint, 0, receivedAt, refused.getMessage()));
            answer(response, 400, failure(refused.getMessage()));
            return;
        }
        Optional<String> secret = headerKey.or(() -> Optional.ofNullable(payload.writeKey()));
        if (secret.isEmpty()) {
            answer(response, 401, failure("no write key: send an ingest API key as the HTTP Basic user name,"
                    + " as \"Authorization: Bearer <key>\" or as \"writeKey\" in the body"));
            return;
        }
        Optional<ApiKeys.ApiKey> key = keys.authenticate(secret.get());
        if (key.isEmpty()) {
            answer(response, 401, failure("the write key is not a live bansou API key (unknown or revoked)"));
            return;
        }
        if (!maySend(key.get())) {
            answer(response, 403, failure("the key \"" + key.get().name() + "\" has scope " + key.get().scope()
                    + "; sending usage events needs an ingest (or admin) key"));
            return;
        }
        UsageIntake.Outcome outcome = intake.receive(key.get().id(), endpoint, payload, body.length, receivedAt);
        boolean nothingTaken = outcome.accepted() + outcome.duplicates() == 0 && !outcome.rejections().isEmpty();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", !nothingTaken);
        answer.put("accepted", outcome.accepted());
        answer.put("duplicates", outcome.duplicates());
        answer.put("rejected", outcome.rejections().stream().map(rejection -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("index", rejection.position());
            one.put("messageId", rejection.messageId());
            one.put("type", rejection.type());
            one.put("reason", rejection.reason());
            return one;
        }).toList());
        answer(response, nothingTaken ? 400 : 200, answer);
    }

    private static boolean maySend(ApiKeys.ApiKey key) {
        return key.scope().equals("ingest") || key.scope().equals("admin");
    }

    /** "batch" for /v1/batch, "import" for /v1/import/ (the Segment Java library adds the slash). */
    private static String endpoint(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        path = path.startsWith("/v1/") ? path.substring(4) : "";
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    // Segment: the write key is the Basic user name with an empty password; others send it as a Bearer token
    private static Optional<String> keyInHeader(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim()).filter(key -> !key.isEmpty());
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return Optional.of(colon < 0 ? pair : pair.substring(0, colon)).filter(key -> !key.isEmpty());
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The body as sent, decompressed; Segment's limits are on the JSON, so they apply after decompression. */
    private static byte[] read(HttpServletRequest request, int limit) throws IOException, Unreadable {
        String encoding = request.getHeader("Content-Encoding");
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new Unreadable("Content-Encoding \"" + encoding + "\" is not supported; send gzip or no encoding");
        }
        if (!gzip && request.getContentLengthLong() > limit) {
            throw new Unreadable(tooLarge(limit));
        }
        try (InputStream in = gzip ? new GZIPInputStream(request.getInputStream(), 16384) : request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new Unreadable(tooLarge(limit));
            }
            if (body.length == 0) {
                throw new Unreadable("the body is empty");
            }
            return body;
        } catch (ZipException | java.io.EOFException notGzip) {
            throw new Unreadable("the body is not valid gzip: " + notGzip.getMessage());
        }
    }

    private static String tooLarge(int limit) {
        return limit == SegmentRules.MAX_BATCH_BYTES
                ? "the batch is larger than 500 KB (" + limit + " bytes of JSON), Segment's limit; send smaller batches"
                : "the message is larger than 32 KB (" + limit + " bytes of JSON), Segment's limit per message";
    }

    private static Map<String, Object> failure(String reason) {
        return Map.of("success", false, "error", reason);
    }

    private void answer(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
