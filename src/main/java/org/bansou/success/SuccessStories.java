package org.bansou.success;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bansou.database.Bulk;
import org.bansou.database.ContainsSearch;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code success_story}. */
@Component
public class SuccessStories {

    static final String COLUMNS = """
            s.id, s.title, s.problem, s.approach, s.outcome_metric, s.outcome_before, s.outcome_after,
            s.outcome_unit, s.industry, s.employee_band, s.plan_name, s.features, s.playbook, s.problem_tags,
            s.source_account_id, s.reuse_of_story_id, s.created_on, s.created_by, s.version""";

    static final RowMapper<SuccessStory> ROW = SuccessStories::story;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    SuccessStories(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    static SuccessStory story(ResultSet rs, int n) throws SQLException {
        return new SuccessStory(rs.getLong("id"), rs.getString("title"), rs.getString("problem"),
                rs.getString("approach"), rs.getString("outcome_metric"), rs.getBigDecimal("outcome_before"),
                rs.getBigDecimal("outcome_after"), rs.getString("outcome_unit"), rs.getString("industry"),
                rs.getString("employee_band"), rs.getString("plan_name"), texts(rs.getArray("features")),
                rs.getString("playbook"), texts(rs.getArray("problem_tags")),
                rs.getObject("source_account_id", Long.class), rs.getObject("reuse_of_story_id", Long.class),
                rs.getObject("created_on", LocalDate.class), rs.getString("created_by"), rs.getInt("version"));
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    public Optional<SuccessStory> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM success_story s WHERE s.id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    public SuccessStory get(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("success story", id));
    }

    public SuccessStory create(StoryFields fields, LocalDate createdOn, String by) {
        long id = jdbc.sql("""
                        INSERT INTO success_story (title, problem, approach, outcome_metric, outcome_before,
                                                   outcome_after, outcome_unit, industry, employee_band, plan_name,
                                                   features, playbook, problem_tags, source_account_id,
                                                   reuse_of_story_id, created_on, created_by)
                        VALUES (:title, :problem, :approach, :outcomeMetric, :outcomeBefore, :outcomeAfter,
                                :outcomeUnit, :industry, :employeeBand, :planName, :features, :playbook,
                                :problemTags, :sourceAccountId, :reuseOfStoryId, :createdOn, :by)
                        RETURNING id
                        """)
                .paramSource(params(fields).addValue("createdOn", createdOn).addValue("by", by))
                .query(Long.class)
                .single();
        return get(id);
    }

    public int createAll(List<StoryFields> stories, List<LocalDate> createdOn, String by) {
        List<Integer> at = java.util.stream.IntStream.range(0, stories.size()).boxed().toList();
        return Bulk.run(batch, """
                INSERT INTO success_story (title, problem, approach, outcome_metric, outcome_before, outcome_after,
                                           outcome_unit, industry, employee_band, plan_name, features, playbook,
                                           problem_tags, source_account_id, reuse_of_story_id, created_on,
                                           created_by)
                VALUES (:title, :problem, :approach, :outcomeMetric, :outcomeBefore, :outcomeAfter, :outcomeUnit,
                        :industry, :employeeBand, :planName, :features, :playbook, :problemTags, :sourceAccountId,
                        :reuseOfStoryId, :createdOn, :by)
                """, at, i -> params(stories.get(i)).addValue("createdOn", createdOn.get(i)).addValue("by", by));
    }

    @Transactional
    public SuccessStory update(long id, int expectedVersion, StoryFields fields) {
        int updated = jdbc.sql("""
                        UPDATE success_story
                           SET title = :title, problem = :problem, approach = :approach,
                               outcome_metric = :outcomeMetric, outcome_before = :outcomeBefore,
                               outcome_after = :outcomeAfter, outcome_unit = :outcomeUnit, industry = :industry,
                               employee_band = :employeeBand, plan_name = :planName, features = :features,
                               playbook = :playbook, problem_tags = :problemTags,
                               source_account_id = :sourceAccountId, reuse_of_story_id = :reuseOfStoryId,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .paramSource(params(fields).addValue("id", id).addValue("version", expectedVersion))
                .update();
        if (updated == 0) {
            throw new StaleVersionException("success story", id, expectedVersion, get(id).version());
        }
        return get(id);
    }

    private static MapSqlParameterSource params(StoryFields f) {
        return new MapSqlParameterSource()
                .addValue("title", f.title()).addValue("problem", f.problem()).addValue("approach", f.approach())
                .addValue("outcomeMetric", f.outcomeMetric()).addValue("outcomeBefore", f.outcomeBefore())
                .addValue("outcomeAfter", f.outcomeAfter()).addValue("outcomeUnit", f.outcomeUnit())
                .addValue("industry", f.industry()).addValue("employeeBand", f.employeeBand())
                .addValue("planName", f.planName()).addValue("features", f.features().toArray(String[]::new))
                .addValue("playbook", f.playbook()).addValue("problemTags", f.problemTags().toArray(String[]::new))
                .addValue("sourceAccountId", f.sourceAccountId()).addValue("reuseOfStoryId", f.reuseOfStoryId());
    }

    /** One page of stories, newest first, optionally only those containing {@code search}. */
    public List<SuccessStory> page(ContainsSearch search, int limit, long offset) {
        String where = search == null ? "" : "\n WHERE " + search.condition("s.search_text");
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT " + COLUMNS + "\n  FROM success_story s" + where + """

                 ORDER BY s.created_on DESC, s.id DESC
                 LIMIT :limit
                OFFSET :offset
                """);
        return (search == null ? statement : search.bind(statement))
                .param("limit", limit).param("offset", offset)
                .query(ROW).list();
    }

    public long count(ContainsSearch search) {
        String where = search == null ? "" : " WHERE " + search.condition("s.search_text");
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT count(*) FROM success_story s" + where);
        return (search == null ? statement : search.bind(statement)).query(Long.class).single();
    }

    /**
     * The stories most relevant to an account like this one, best first, scored in the database: 3 for the same
     * industry, 2 for the same employee band, 1 for the same plan, 1 per shared problem tag; stories with no
     * point in common are not offered. Ties go to the story used most, then the newest.
     */
    public List<StoryMatch> relevantTo(String industry, String employeeBand, String planName, List<String> tags,
                                       int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                        , m.same_industry, m.same_band, m.same_plan, m.shared_tags, m.score,
                               (SELECT count(*) FROM story_use u WHERE u.story_id = s.id) AS times_used
                          FROM success_story s
                         CROSS JOIN LATERAL (
                               SELECT s.industry = :industry AS same_industry,
                                      s.employee_band = :band AS same_band,
                                      s.plan_name = :plan AS same_plan,
                                      ARRAY(SELECT t FROM unnest(s.problem_tags) AS t
                                             WHERE t = ANY(:tags) ORDER BY t) AS shared_tags) AS f
                         CROSS JOIN LATERAL (
                               SELECT COALESCE(f.same_industry, false) AS same_industry,
                                      COALESCE(f.same_band, false) AS same_band,
                                      COALESCE(f.same_plan, false) AS same_plan,
                                      f.shared_tags,
                                      3 * CAST(COALESCE(f.same_industry, false) AS int)
                                      + 2 * CAST(COALESCE(f.same_band, false) AS int)
                                      + CAST(COALESCE(f.same_plan, false) AS int)
                                      + cardinality(f.shared_tags) AS score) AS m
                         WHERE m.score > 0
                         ORDER BY m.score DESC, times_used DESC, s.created_on DESC, s.id DESC
                         LIMIT :limit
                        """)
                .param("industry", industry)
                .param("band", employeeBand)
                .param("plan", planName)
                .param("tags", tags.toArray(String[]::new))
                .param("limit", limit)
                .query((rs, n) -> {
                    SuccessStory story = story(rs, n);
                    return new StoryMatch(story, rs.getInt("score"),
                            rs.getBoolean("same_industry") ? story.industry() : null,
                            rs.getBoolean("same_band") ? story.employeeBand() : null,
                            rs.getBoolean("same_plan") ? story.planName() : null,
                            texts(rs.getArray("shared_tags")), rs.getLong("times_used"));
                })
                .list();
    }
}
