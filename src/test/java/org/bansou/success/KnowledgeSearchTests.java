package org.bansou.success;

import java.util.List;

import org.bansou.BansouTest;
import org.bansou.account.ContactRow;
import org.bansou.account.Contacts;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@BansouTest
@Import(KnowledgeWorld.class)
class KnowledgeSearchTests {

    @Autowired KnowledgeSearch search;
    @Autowired KnowledgeWorld world;
    @Autowired Contacts contacts;
    @Autowired SuccessStories stories;
    @Autowired ProductFeedback feedback;
    @Autowired AppUsers users;
    @Autowired JdbcClient jdbc;

    @Test
    void a_two_character_japanese_fragment_finds_accounts_contacts_stories_and_feedback_and_nothing_else() {
        users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        long seikyu = world.account("A-1", "請求代行サービス株式会社", "サービス業", "10-49", "ito");
        long other = world.account("A-2", "小林歯科クリニック", "医療", "1-9", "ito");
        contacts.create(other, new ContactRow(null, null, "請求 花子", null, "経理", false, false, null, null, null));
        contacts.create(other, new ContactRow(null, null, "小林 健", null, "院長", false, true, null, null, null));
        stories.create(new StoryFields("月末の請求書作成を短縮", "手作業", "テンプレート", "作成時間",
                java.math.BigDecimal.TEN, java.math.BigDecimal.ONE, "時間", null, null, null, null, null, null, null,
                null), java.time.LocalDate.of(2026, 4, 1), "ito");
        stories.create(new StoryFields("入金消込の自動化", "手作業", "銀行連携", "消込時間",
                java.math.BigDecimal.TEN, java.math.BigDecimal.ONE, "時間", null, null, null, null, null, null, null,
                null), java.time.LocalDate.of(2026, 4, 1), "ito");
        feedback.record(new FeedbackEntries.NewFeedback(other, "request", "call", "請求書のPDFに社印を入れたい", null,
                null, null, null, null, null, java.time.LocalDate.of(2026, 5, 1), "ito"));
        feedback.record(new FeedbackEntries.NewFeedback(other, "request", "call", "入金の通知がほしい", null,
                null, null, null, null, null, java.time.LocalDate.of(2026, 5, 1), "ito"));

        KnowledgeSearch.Found found = search.search("請求", 20);

        assertThat(found.accounts()).extracting(a -> a.id()).containsExactly(seikyu);
        assertThat(found.contacts()).extracting(c -> c.name()).containsExactly("請求 花子");
        assertThat(found.stories()).extracting(SuccessStory::title).containsExactly("月末の請求書作成を短縮");
        assertThat(found.feedback()).extracting(FeedbackEntry::body).containsExactly("請求書のPDFに社印を入れたい");
        // three characters go the trigram way and still find the same story
        assertThat(search.search("請求書", 20).stories()).extracting(SuccessStory::title)
                .containsExactly("月末の請求書作成を短縮");
    }

    @Test
    void a_two_character_search_is_served_by_the_bigram_index() {
        users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        long account = world.account("A-1", "小林歯科クリニック", "医療", "1-9", "ito");
        jdbc.sql("""
                        INSERT INTO feedback (account_id, kind, source, body, heard_on, recorded_by)
                        SELECT :account, 'request', 'call', 'フィードバック ' || i || ' 番目の要望', DATE '2026-05-01', 'ito'
                          FROM generate_series(1, 5000) AS i
                        """)
                .param("account", account)
                .update();
        jdbc.sql("ANALYZE feedback").update();

        List<String> plan = jdbc.sql("""
                        EXPLAIN SELECT id FROM feedback
                         WHERE bansou_bigrams(body) @> ARRAY[lower('請求')] AND body ILIKE '%請求%'
                        """)
                .query(String.class).list();

        assertThat(String.join("\n", plan)).contains("feedback_body_bigram_idx").doesNotContain("Seq Scan");
    }
}
