package org.bansou.usage;

import java.io.File;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability as the sender sees it: the server process is killed (kill -9) while clients are sending, and
 * every event it had answered 200 for must be in the database afterwards. The database is run by this test,
 * so it outlives the server; the server is bansou itself, started as its own JVM.
 */
class TrackingApiDurabilityTests {

    static final String WRITE_KEY = "bsk_d0d0d0d0_" + "5e".repeat(20);

    EmbeddedPostgres postgres;
    Process server;
    int port;
    Path log;

    @BeforeEach
    void startDatabaseAndServer() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        log = Files.createTempFile("bansou-durability-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.bansou.BansouApplication", "serve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BANSOU_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
        builder.environment().put("BANSOU_DB_USER", "postgres");
        builder.environment().put("BANSOU_DB_PASSWORD", "");
        builder.environment().put("BANSOU_PORT", Integer.toString(port));
        builder.environment().put("BANSOU_HOME", Files.createTempDirectory("bansou-home-").toString());
        server = builder.start();
        awaitReady();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO api_key (name, scope, prefix, secret_hash)
                     VALUES ('product backend', 'ingest', 'd0d0d0d0', encode(sha256(convert_to(?, 'UTF8')), 'hex'))
                     """)) {
            insert.setString(1, WRITE_KEY);
            insert.executeUpdate();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void every_event_answered_200_is_in_the_database_after_the_server_is_killed() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unanswered = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int sender = t;
            Thread thread = new Thread(() -> {
                for (int round = 0; ; round++) {
                    List<String> ids = new ArrayList<>();
                    StringBuilder batch = new StringBuilder("{\"writeKey\":\"" + WRITE_KEY + "\",\"batch\":[");
                    for (int i = 0; i < 50; i++) {
                        String id = "s" + sender + "-r" + round + "-" + i + "-" + UUID.randomUUID();
                        ids.add(id);
                        batch.append(i == 0 ? "" : ",").append("""
                                {"type":"track","messageId":"%s","userId":"u-%d","event":"Report Exported",
                                 "timestamp":"%s","context":{"groupId":"A-%d"}}""".formatted(id, i % 7, Instant.now(), i % 3));
                    }
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/batch"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(batch.append("]}").toString()))
                            .build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            acknowledged.addAll(ids);
                        }
                    } catch (Exception serverGone) {
                        unanswered.incrementAndGet();
                        return;
                    }
                }
            }, "sender-" + t);
            thread.start();
            senders.add(thread);
        }
        while (acknowledged.size() < 5_000) {
            Thread.sleep(20);
        }

        server.destroyForcibly().waitFor(); // kill -9, while the senders are mid-stream
        for (Thread sender : senders) {
            sender.join();
        }

        assertThat(unanswered.get()).as("requests the killed server never answered").isPositive();
        assertThat(storedAmong(acknowledged)).isEqualTo(acknowledged.size());
    }

    long storedAmong(Set<String> messageIds) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM usage_event WHERE message_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("text", messageIds.toArray()));
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/batch"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"batch\":[]}"))
                .build();
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!server.isAlive()) {
                throw new IllegalStateException("bansou stopped before it was ready:\n" + Files.readString(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
                    return;
                }
            } catch (ConnectException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("bansou did not start listening on port " + port + ":\n" + Files.readString(log));
    }
}
