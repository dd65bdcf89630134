package org.bansou.usage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rudderstack.sdk.java.analytics.RudderAnalytics;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import org.bansou.BansouTest;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.security.ApiKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real client libraries, unchanged, pointed at the running server: what they send is what bansou must
 * take, whatever a hand-written imitation of them would send.
 */
@BansouTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentClientsTests {

    @LocalServerPort int port;
    @Autowired ApiKeys keys;
    @Autowired Accounts accounts;
    @Autowired UsageDaily daily;
    @Autowired JdbcClient jdbc;

    String writeKey;

    @BeforeEach
    void kobayashiDentalSendsUsageFromItsProduct() {
        accounts.upsertAll(List.of(new AccountRow("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down",
                null, "low", "adoption")));
        writeKey = keys.issue("product backend", ApiKeys.Scope.INGEST, null).secret();
    }

    @Test
    void the_segment_java_library_delivers_group_identify_track_and_page_calls() throws Exception {
        Delivery delivery = new Delivery(4);
        Analytics segment = Analytics.builder(writeKey)
                .endpoint("http://localhost:" + port)
                .callback(delivery)
                .build();

        segment.enqueue(GroupMessage.builder("A-1001").userId("u-sato").traits(Map.of("name", "小林歯科クリニック")));
        segment.enqueue(IdentifyMessage.builder().userId("u-sato").traits(Map.of("email", "sato@example.jp")));
        segment.enqueue(TrackMessage.builder("Report Exported").userId("u-sato")
                .properties(Map.of("format", "pdf", "pages", 3)));
        segment.enqueue(PageMessage.builder("Dashboard").userId("u-sato"));
        segment.flush();
        delivery.await();
        segment.shutdown();

        daily.catchUp();
        assertThat(delivery.failures).isEmpty();
        assertThat(storedFor("A-1001")).containsExactlyInAnyOrder("group", "identify", "track:Report Exported",
                "page:Dashboard");
        assertThat(jdbc.sql("SELECT properties ->> 'format' FROM usage_event WHERE type = 'track'")
                .query(String.class).single()).isEqualTo("pdf");
        // the Segment library 3.x posts to /v1/import/ with the key in the body, not in a header
        assertThat(jdbc.sql("SELECT DISTINCT endpoint FROM usage_intake").query(String.class).list())
                .containsExactly("import");
        assertThat(jdbc.sql("SELECT active_users FROM usage_daily").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void the_rudderstack_java_library_delivers_gzip_batches_with_context_group_ids() throws Exception {
        Delivery delivery = new Delivery(3);
        RudderAnalytics rudder = RudderAnalytics.builder(writeKey)
                .setDataPlaneUrl("http://localhost:" + port)
                .callback(delivery.forRudder())
                .build();

        for (String event : List.of("Login", "Invoice Sent", "Invoice Sent")) {
            rudder.enqueue(com.rudderstack.sdk.java.analytics.messages.TrackMessage.builder(event)
                    .userId("u-suzuki")
                    .context(Map.of("groupId", "A-1001")));
        }
        rudder.flush();
        delivery.await();
        rudder.shutdown();

        daily.catchUp();
        assertThat(delivery.failures).isEmpty();
        assertThat(storedFor("A-1001")).containsExactlyInAnyOrder("track:Login", "track:Invoice Sent",
                "track:Invoice Sent");
        assertThat(jdbc.sql("SELECT DISTINCT endpoint FROM usage_intake").query(String.class).list())
                .containsExactly("batch");
        assertThat(jdbc.sql("SELECT event_counts ->> 'Invoice Sent' FROM usage_daily").query(String.class).single())
                .isEqualTo("2");
    }

    @Test
    void a_gzip_batch_labelled_as_a_form_post_reaches_the_running_server_intact() throws Exception {
        byte[] body = TrackingApiTests.gzip(TrackingApiTests.batch(
                TrackingApiTests.track("m-1", "u-sato", "Report Exported", "A-1001")));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/batch?lang=en"))
                .header("Authorization", TrackingApiTests.basic(writeKey))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"accepted\":1");
        assertThat(storedFor("A-1001")).containsExactly("track:Report Exported");
    }

    List<String> storedFor(String accountExternalId) {
        return jdbc.sql("""
                        SELECT e.type || COALESCE(':' || e.event, '')
                          FROM usage_event e
                          JOIN account a ON a.id = e.account_id
                         WHERE a.external_id = :externalId
                        """)
                .param("externalId", accountExternalId)
                .query(String.class)
                .list();
    }

    /** Counts what the client library reports as delivered or given up. */
    static final class Delivery implements Callback {
        final CountDownLatch done;
        final Queue<String> failures = new ConcurrentLinkedQueue<>();

        Delivery(int messages) {
            done = new CountDownLatch(messages);
        }

        @Override
        public void success(Message message) {
            done.countDown();
        }

        @Override
        public void failure(Message message, Throwable problem) {
            failures.add(message.messageId() + ": " + problem);
            done.countDown();
        }

        com.rudderstack.sdk.java.analytics.Callback forRudder() {
            return new com.rudderstack.sdk.java.analytics.Callback() {
                @Override
                public void success(com.rudderstack.sdk.java.analytics.messages.Message message) {
                    done.countDown();
                }

                @Override
                public void failure(com.rudderstack.sdk.java.analytics.messages.Message message, Throwable problem) {
                    failures.add(message.messageId() + ": " + problem);
                    done.countDown();
                }
            };
        }

        void await() throws InterruptedException {
            assertThat(done.await(60, TimeUnit.SECONDS)).as("the client reported every message").isTrue();
        }
    }
}
