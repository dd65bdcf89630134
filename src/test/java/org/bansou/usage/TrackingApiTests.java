package org.bansou.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.bansou.BansouTest;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.security.ApiKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class TrackingApiTests {

    @Autowired MockMvc mvc;
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
    void a_batch_sent_with_the_write_key_as_basic_user_name_is_stored() throws Exception {
        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(batch(track("m-1", "u-sato", "Report Exported", "A-1001"),
                                track("m-2", "u-sato", "Invoice Sent", "A-1001"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected").isEmpty());

        assertThat(eventsOf("A-1001")).containsExactlyInAnyOrder("Report Exported", "Invoice Sent");
    }

    @Test
    void a_resent_event_with_the_same_message_id_is_counted_once() throws Exception {
        String body = batch(track("m-1", "u-sato", "Report Exported", "A-1001"));
        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey)).content(body))
                .andExpect(status().isOk());

        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey)).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(0))
                .andExpect(jsonPath("$.duplicates").value(1));

        daily.catchUp();
        assertThat(eventsOf("A-1001")).containsExactly("Report Exported");
        assertThat(jdbc.sql("SELECT events FROM usage_daily").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_batch_with_one_invalid_event_keeps_the_others_and_says_which_was_rejected_and_why() throws Exception {
        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey))
                        .content(batch(track("m-1", "u-sato", "Report Exported", "A-1001"),
                                """
                                {"type": "track", "messageId": "m-2", "userId": "u-sato"}""",
                                track("m-3", "u-sato", "Invoice Sent", "A-1001"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected[0].index").value(1))
                .andExpect(jsonPath("$.rejected[0].messageId").value("m-2"))
                .andExpect(jsonPath("$.rejected[0].reason").value("a track call needs \"event\""));

        assertThat(eventsOf("A-1001")).containsExactlyInAnyOrder("Report Exported", "Invoice Sent");
        assertThat(jdbc.sql("SELECT reason FROM usage_rejection").query(String.class).list())
                .containsExactly("a track call needs \"event\"");
    }

    @Test
    void ids_and_properties_with_tabs_line_breaks_and_backslashes_are_stored_exactly_as_sent() throws Exception {
        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey))
                        .content(batch("""
                                {"type": "track", "messageId": "m-\\\\1", "userId": "u\\tsato",
                                 "event": "Report\\nExported", "context": {"groupId": "A-1001"}, "properties": {
                                \t"path": "C:\\\\reports\\tQ3", "note": "line\\r\\nbreak \\\\N"
                                 }}""")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1));

        var stored = jdbc.sql("""
                        SELECT message_id, user_id, event, properties ->> 'path', properties ->> 'note'
                          FROM usage_event
                        """)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .single();
        assertThat(stored).containsExactly("m-\\1", "u\tsato", "Report\nExported", "C:\\reports\tQ3",
                "line\r\nbreak \\N");
    }

    @Test
    void a_batch_where_every_event_is_invalid_is_answered_400_with_each_reason() throws Exception {
        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey))
                        .content(batch("""
                                {"type": "track", "messageId": "m-1", "event": "Login"}""",
                                """
                                {"type": "purchase", "messageId": "m-2", "userId": "u-sato"}""")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.rejected[0].reason").value("a message needs \"userId\" or \"anonymousId\""))
                .andExpect(jsonPath("$.rejected[1].reason").value(containsString("must be one of track")));
    }

    @Test
    void a_batch_over_500_kb_is_refused_whole_with_the_reason() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 2100; i++) {
            events.append(i == 0 ? "" : ",").append(track("m-" + i, "u-sato", "Report Exported " + "x".repeat(200), "A-1001"));
        }
        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey)).content("{\"batch\":[" + events + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("larger than 500 KB")));

        assertThat(jdbc.sql("SELECT count(*) FROM usage_event").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT reason FROM usage_rejection").query(String.class).single())
                .contains("500 KB");
    }

    @Test
    void an_event_over_32_kb_is_rejected_alone() throws Exception {
        String large = """
                {"type": "track", "messageId": "m-big", "userId": "u-sato", "event": "Upload",
                 "properties": {"note": "%s"}}""".formatted("x".repeat(33 * 1024));
        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey))
                        .content(batch(large, track("m-2", "u-sato", "Login", "A-1001"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.rejected[0].index").value(0))
                .andExpect(jsonPath("$.rejected[0].reason").value(containsString("at most 32 KB")));
    }

    @Test
    void a_single_track_call_over_32_kb_is_refused_with_the_reason() throws Exception {
        mvc.perform(post("/v1/track").header("Authorization", bearer(writeKey))
                        .content("""
                                {"messageId": "m-big", "userId": "u-sato", "event": "Upload",
                                 "properties": {"note": "%s"}}""".formatted("x".repeat(33 * 1024))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("larger than 32 KB")));
    }

    @Test
    void a_gzip_body_labelled_as_a_form_post_is_still_read_as_json() throws Exception {
        mvc.perform(post("/v1/batch").header("Authorization", bearer(writeKey))
                        .header("Content-Encoding", "gzip")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(gzip(batch(track("m-1", "u-sato", "Report Exported", "A-1001")))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1));

        assertThat(eventsOf("A-1001")).containsExactly("Report Exported");
    }

    @Test
    void the_write_key_may_come_in_the_body_as_the_segment_java_library_sends_it() throws Exception {
        mvc.perform(post("/v1/import/").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"writeKey\": \"" + writeKey + "\", \"batch\": ["
                                + track("m-1", "u-sato", "Report Exported", "A-1001") + "]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1));
    }

    @Test
    void a_missing_or_unknown_write_key_is_answered_401_with_the_reason() throws Exception {
        String body = batch(track("m-1", "u-sato", "Report Exported", "A-1001"));
        mvc.perform(post("/v1/batch").content(body))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value(containsString("no write key")));
        mvc.perform(post("/v1/batch").header("Authorization", basic("bsk_0000_guessed")).content(body))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value(containsString("not a live bansou API key")));

        assertThat(jdbc.sql("SELECT count(*) FROM usage_event").query(Long.class).single()).isZero();
    }

    @Test
    void a_read_only_key_may_not_send_events() throws Exception {
        String readKey = keys.issue("dashboard", ApiKeys.Scope.READ, null).secret();
        mvc.perform(post("/v1/batch").header("Authorization", bearer(readKey))
                        .content(batch(track("m-1", "u-sato", "Report Exported", "A-1001"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value(containsString("needs an ingest")));
    }

    @Test
    void the_tracking_api_takes_only_post() throws Exception {
        mvc.perform(get("/v1/batch").header("Authorization", bearer(writeKey)))
                .andExpect(status().isMethodNotAllowed());
    }

    @Test
    void an_event_time_is_corrected_by_the_gap_between_the_senders_clock_and_ours() throws Exception {
        // the sender's clock is years behind; the event happened 10 seconds before it was sent
        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey))
                        .content("""
                                {"sentAt": "2020-01-01T00:00:10Z", "batch": [
                                  {"type": "track", "messageId": "m-1", "userId": "u-sato", "event": "Login",
                                   "timestamp": "2020-01-01T00:00:00Z", "context": {"groupId": "A-1001"}}]}"""))
                .andExpect(status().isOk());

        var times = jdbc.sql("SELECT ts, received_at FROM usage_event")
                .query((rs, n) -> new Instant[] {rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant()})
                .single();
        assertThat(times[0]).isEqualTo(times[1].minusSeconds(10));
    }

    @Test
    void a_group_call_links_the_user_and_their_later_events_count_for_that_account() throws Exception {
        mvc.perform(post("/v1/group").header("Authorization", bearer(writeKey))
                        .content("""
                                {"messageId": "g-1", "userId": "u-sato", "groupId": "A-1001",
                                 "traits": {"name": "小林歯科クリニック"}}"""))
                .andExpect(status().isOk());

        mvc.perform(post("/v1/track").header("Authorization", bearer(writeKey))
                        .content("""
                                {"messageId": "m-1", "userId": "u-sato", "event": "Report Exported"}"""))
                .andExpect(status().isOk());

        assertThat(eventsOf("A-1001")).containsExactly("Report Exported");
    }

    @Test
    void an_event_for_an_account_bansou_does_not_know_is_kept_under_a_new_unmapped_account() throws Exception {
        mvc.perform(post("/v1/batch").header("Authorization", basic(writeKey))
                        .content(batch(track("m-1", "u-tanaka", "Login", "A-2002"))))
                .andExpect(status().isOk());

        assertThat(accounts.unmapped(10)).singleElement()
                .satisfies(account -> assertThat(account.externalId()).isEqualTo("A-2002"));
        assertThat(eventsOf("A-2002")).containsExactly("Login");
        assertThat(accounts.unmapped(10)).noneMatch(account -> account.externalId().equals("A-1001"));
    }

    @Test
    void events_sent_before_the_users_group_call_count_for_the_account_once_it_is_named() throws Exception {
        mvc.perform(post("/v1/track").header("Authorization", bearer(writeKey))
                        .content("""
                                {"messageId": "m-1", "userId": "u-sato", "event": "Login"}"""))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT count(*) FROM usage_event WHERE account_id IS NULL").query(Long.class).single())
                .isEqualTo(1);

        mvc.perform(post("/v1/group").header("Authorization", bearer(writeKey))
                        .content("""
                                {"messageId": "g-1", "userId": "u-sato", "groupId": "A-1001"}"""))
                .andExpect(status().isOk());

        daily.catchUp();
        assertThat(eventsOf("A-1001")).containsExactly("Login");
        assertThat(jdbc.sql("SELECT active_users FROM usage_daily").query(Integer.class).single()).isEqualTo(1);
    }

    List<String> eventsOf(String accountExternalId) {
        return jdbc.sql("""
                        SELECT e.event
                          FROM usage_event e
                          JOIN account a ON a.id = e.account_id
                         WHERE a.external_id = :externalId
                           AND e.type = 'track'
                        """)
                .param("externalId", accountExternalId)
                .query(String.class)
                .list();
    }

    static String track(String messageId, String userId, String event, String groupId) {
        return """
                {"type": "track", "messageId": "%s", "userId": "%s", "event": "%s",
                 "timestamp": "%s", "context": {"groupId": "%s"}, "properties": {"plan": "standard"}}"""
                .formatted(messageId, userId, event, Instant.now(), groupId);
    }

    static String batch(String... messages) {
        return "{\"batch\": [" + String.join(",", messages) + "]}";
    }

    static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String key) {
        return "Bearer " + key;
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
