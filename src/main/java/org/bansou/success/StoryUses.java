package org.bansou.success;

import java.time.LocalDate;
import java.util.List;

import org.bansou.database.Bulk;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code story_use}: which CSM told which story to which account, and when. */
@Component
public class StoryUses {

    /** A story told to an account. */
    public record StoryUse(long id, long storyId, long accountId, LocalDate usedOn, String usedBy, String note) {
    }

    /** How often a story was told, to how many accounts, and when last. */
    public record StoryUsage(long storyId, String title, boolean newPattern, long uses, long accounts,
                             LocalDate lastUsedOn) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    StoryUses(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public StoryUse record(long storyId, long accountId, LocalDate usedOn, String by, String note) {
        return jdbc.sql("""
                        INSERT INTO story_use (story_id, account_id, used_on, used_by, note)
                        VALUES (:storyId, :accountId, :usedOn, :by, :note)
                        RETURNING id, story_id, account_id, used_on, used_by, note
                        """)
                .param("storyId", storyId).param("accountId", accountId).param("usedOn", usedOn)
                .param("by", by).param("note", note)
                .query(StoryUse.class)
                .single();
    }

    public int recordAll(List<StoryUse> uses) {
        return Bulk.run(batch, """
                INSERT INTO story_use (story_id, account_id, used_on, used_by, note)
                VALUES (:storyId, :accountId, :usedOn, :by, :note)
                """, uses, use -> new MapSqlParameterSource()
                .addValue("storyId", use.storyId()).addValue("accountId", use.accountId())
                .addValue("usedOn", use.usedOn()).addValue("by", use.usedBy()).addValue("note", use.note()));
    }

    public List<StoryUse> forAccount(long accountId) {
        return jdbc.sql("""
                        SELECT id, story_id, account_id, used_on, used_by, note
                          FROM story_use
                         WHERE account_id = :accountId
                         ORDER BY used_on DESC, id DESC
                        """)
                .param("accountId", accountId)
                .query(StoryUse.class)
                .list();
    }

    /** Every story with how often it was used, most used first. */
    public List<StoryUsage> usage() {
        return jdbc.sql("""
                        SELECT s.id AS story_id, s.title, s.reuse_of_story_id IS NULL AS new_pattern,
                               count(u.id) AS uses, count(DISTINCT u.account_id) AS accounts,
                               max(u.used_on) AS last_used_on
                          FROM success_story s
                          LEFT JOIN story_use u ON u.story_id = s.id
                         GROUP BY s.id
                         ORDER BY uses DESC, s.id
                        """)
                .query(StoryUsage.class)
                .list();
    }

    /** The accounts that were told any story. */
    public List<Long> followers() {
        return jdbc.sql("SELECT DISTINCT account_id FROM story_use ORDER BY account_id").query(Long.class).list();
    }
}
