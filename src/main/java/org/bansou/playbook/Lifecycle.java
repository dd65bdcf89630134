package org.bansou.playbook;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bansou.database.StaleVersionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns tables {@code lifecycle_stage_label} (what a team calls each stage, Japanese and English) and
 * {@code lifecycle_milestone} (each account's light- and deep-success targets and when they were reached).
 */
@Component
public class Lifecycle {

    /** A stage's code (as in {@code account.lifecycle_stage}) and its display names. */
    public record StageLabel(String stage, int position, String nameJa, String nameEn, int version) {

        public String name(String language) {
            return "ja".equals(language) ? nameJa : nameEn;
        }
    }

    /** A success milestone of one account; the target is a plan and keeps who set it and when. */
    public record Milestone(long accountId, String kind, LocalDate targetOn, LocalDate achievedOn, String note,
                            String setBy, Instant setAt, int version) {

        public boolean lateOn(LocalDate today) {
            return targetOn != null && (achievedOn == null ? today.isAfter(targetOn) : achievedOn.isAfter(targetOn));
        }
    }

    /** Across accounts: how many have a milestone of a kind, how many reached it, how many by the target. */
    public record MilestoneSummary(String kind, long planned, long achieved, long achievedByTarget,
                                   Double medianDaysToAchieve) {
    }

    private final JdbcClient jdbc;

    Lifecycle(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The Japanese and English defaults the migration seeds; a stage missing from the table shows these. */
    static final List<StageLabel> DEFAULTS = List.of(
            new StageLabel("onboarding", 1, "オンボーディング", "Onboarding", 0),
            new StageLabel("adoption", 2, "活用促進", "Adoption", 0),
            new StageLabel("retention", 3, "定着", "Retention", 0),
            new StageLabel("renewal", 4, "更新", "Renewal", 0));

    public List<StageLabel> stages() {
        Map<String, StageLabel> named = jdbc.sql("""
                        SELECT stage, position, name_ja, name_en, version
                          FROM lifecycle_stage_label
                        """)
                .query(StageLabel.class)
                .list().stream()
                .collect(Collectors.toMap(StageLabel::stage, s -> s));
        return DEFAULTS.stream().map(d -> named.getOrDefault(d.stage(), d)).toList();
    }

    public Map<String, StageLabel> stagesByCode() {
        return stages().stream().collect(Collectors.toMap(StageLabel::stage, s -> s));
    }

    /** Renames a stage for display; refused (409) if someone renamed it since {@code expectedVersion}. */
    void rename(String stage, int expectedVersion, String nameJa, String nameEn, String by) {
        StageLabel known = DEFAULTS.stream().filter(d -> d.stage().equals(stage)).findFirst()
                .orElseThrow(() -> new org.bansou.web.InvalidFieldException("stage", "no stage \"" + stage + "\""));
        int updated = jdbc.sql("""
                        INSERT INTO lifecycle_stage_label (stage, position, name_ja, name_en, version, updated_at,
                                                           updated_by)
                        VALUES (:stage, :position, :nameJa, :nameEn, 1, now(), :by)
                        ON CONFLICT (stage) DO UPDATE
                           SET name_ja = EXCLUDED.name_ja,
                               name_en = EXCLUDED.name_en,
                               version = lifecycle_stage_label.version + 1,
                               updated_at = now(),
                               updated_by = EXCLUDED.updated_by
                         WHERE lifecycle_stage_label.version = :version
                        """)
                .param("stage", stage)
                .param("position", known.position())
                .param("nameJa", nameJa)
                .param("nameEn", nameEn)
                .param("by", by)
                .param("version", expectedVersion)
                .update();
        if (updated == 0 || expectedVersion != 0 && stages().stream()
                .noneMatch(s -> s.stage().equals(stage) && s.version() == expectedVersion + 1)) {
            throw new StaleVersionException("stage name", stage, expectedVersion);
        }
    }

    public List<Milestone> milestonesOf(long accountId) {
        return jdbc.sql("""
                        SELECT account_id, kind, target_on, achieved_on, note, set_by, set_at, version
                          FROM lifecycle_milestone
                         WHERE account_id = :accountId
                         ORDER BY kind DESC
                        """)
                .param("accountId", accountId)
                .query(Milestone.class)
                .list();
    }

    /**
     * Sets an account's milestone; the first time with {@code expectedVersion} null, afterwards refused (409)
     * unless the version read is still current.
     */
    Milestone setMilestone(long accountId, String kind, Integer expectedVersion, LocalDate targetOn,
                           LocalDate achievedOn, String note, String by, Instant at) {
        int written = jdbc.sql("""
                        INSERT INTO lifecycle_milestone (account_id, kind, target_on, achieved_on, note, set_by,
                                                         set_at)
                        VALUES (:accountId, :kind, :targetOn, :achievedOn, :note, :by, :at)
                        ON CONFLICT (account_id, kind) DO UPDATE
                           SET target_on = EXCLUDED.target_on,
                               achieved_on = EXCLUDED.achieved_on,
                               note = EXCLUDED.note,
                               set_by = EXCLUDED.set_by,
                               set_at = EXCLUDED.set_at,
                               version = lifecycle_milestone.version + 1
                         WHERE lifecycle_milestone.version = :version
                        """)
                .param("accountId", accountId)
                .param("kind", kind)
                .param("targetOn", targetOn)
                .param("achievedOn", achievedOn)
                .param("note", note)
                .param("by", by)
                .param("at", Timestamp.from(at))
                .param("version", expectedVersion == null ? -1 : expectedVersion)
                .update();
        if (written == 0) {
            throw new StaleVersionException("milestone", accountId + "/" + kind,
                    expectedVersion == null ? -1 : expectedVersion);
        }
        return milestonesOf(accountId).stream().filter(m -> m.kind().equals(kind)).findFirst().orElseThrow();
    }

    /** Writes many milestones at once (the demo company). */
    void recordAll(List<Milestone> milestones) {
        if (milestones.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO lifecycle_milestone (account_id, kind, target_on, achieved_on, set_by, set_at)
                        SELECT m.account_id, m.kind, m.target_on, m.achieved_on, m.set_by, m.set_at
                          FROM unnest(:accountIds, :kinds, CAST(:targets AS date[]), CAST(:achieved AS date[]),
                                      :setBy, CAST(:setAt AS timestamptz[]))
                               AS m (account_id, kind, target_on, achieved_on, set_by, set_at)
                        """)
                .param("accountIds", milestones.stream().map(Milestone::accountId).toArray(Long[]::new))
                .param("kinds", milestones.stream().map(Milestone::kind).toArray(String[]::new))
                .param("targets", milestones.stream().map(m -> m.targetOn() == null ? null : m.targetOn().toString())
                        .toArray(String[]::new))
                .param("achieved", milestones.stream()
                        .map(m -> m.achievedOn() == null ? null : m.achievedOn().toString()).toArray(String[]::new))
                .param("setBy", milestones.stream().map(Milestone::setBy).toArray(String[]::new))
                .param("setAt", milestones.stream().map(m -> m.setAt().toString()).toArray(String[]::new))
                .update();
    }

    public List<MilestoneSummary> milestoneSummary() {
        return jdbc.sql("""
                        SELECT m.kind,
                               count(*) AS planned,
                               count(m.achieved_on) AS achieved,
                               count(*) FILTER (WHERE m.achieved_on <= m.target_on) AS achieved_by_target,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY m.achieved_on - a.created_at::date)
                                   FILTER (WHERE m.achieved_on IS NOT NULL) AS median_days_to_achieve
                          FROM lifecycle_milestone m
                          JOIN account a ON a.id = m.account_id
                         GROUP BY m.kind
                         ORDER BY m.kind DESC
                        """)
                .query(MilestoneSummary.class)
                .list();
    }
}
