package org.bansou.playbook;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bansou.database.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns tables {@code playbook_run} and {@code playbook_task}: starting a template for accounts (its tasks get
 * due dates from their offsets and CS tasks the account's owner), ticking tasks off by hand or by a completion
 * check, finishing runs, and reading who does what by when.
 */
@Component
public class PlaybookRuns {

    /** A run to start: which account, which template version, from which day. */
    record RunStart(long accountId, long templateId, LocalDate startedOn) {
    }

    /** A task done on a day, by account, template and position (the demo's and an import's history). */
    record TaskDone(long accountId, long templateId, int position, LocalDate doneOn, String doneBy) {
    }

    /** A run that has just finished, for the stage rule of its template. */
    record Finished(long runId, long accountId, long templateId) {
    }

    private static final String SELECT_RUN = """
            SELECT r.id, r.account_id, a.name AS account_name, r.template_id, t.code AS template_code,
                   t.name AS template_name, t.version AS template_version, r.started_on, r.origin, r.started_by,
                   r.share_token, r.completed_on, r.cancelled_on,
                   (SELECT count(*) FROM playbook_task k WHERE k.run_id = r.id) AS tasks,
                   (SELECT count(*) FROM playbook_task k WHERE k.run_id = r.id AND k.done_on IS NOT NULL)
                       AS tasks_done,
                   (SELECT count(*) FROM playbook_task k WHERE k.run_id = r.id AND k.done_on IS NULL
                                                            AND k.due_on < :today) AS tasks_overdue
              FROM playbook_run r
              JOIN playbook_template t ON t.id = r.template_id
              JOIN account a ON a.id = r.account_id
            """;

    static final String SELECT_TASK = """
            SELECT k.id, k.account_id, a.name AS account_name, k.run_id, k.rule_id, k.position, k.title_ja,
                   k.title_en, k.owner, k.owner_user_id, u.display_name AS owner_name, k.how_to, k.check_event,
                   k.due_on, k.done_on, k.done_by, k.done_via
              FROM playbook_task k
              JOIN account a ON a.id = k.account_id
              LEFT JOIN app_user u ON u.id = k.owner_user_id
            """;

    private final JdbcClient jdbc;

    PlaybookRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Starts each run with its template's tasks, in one statement for any number of accounts: a task is due
     * {@code due_offset_days} after its run's start, and a CS task belongs to the account's owner. Each run
     * gets an unguessable share token (two random UUIDs, 244 random bits) for the customer's checklist.
     * Returns the new run ids.
     */
    @Transactional
    List<Long> start(List<RunStart> starts, String origin, String by) {
        if (starts.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        WITH wanted AS (
                            SELECT s.account_id, s.template_id, s.started_on, s.n
                              FROM unnest(:accountIds, :templateIds, CAST(:startedOn AS date[]))
                                   WITH ORDINALITY AS s (account_id, template_id, started_on, n)
                        ), runs AS (
                            INSERT INTO playbook_run (account_id, template_id, started_on, origin, started_by,
                                                      share_token)
                            SELECT w.account_id, w.template_id, w.started_on, :origin, :by,
                                   replace(CAST(gen_random_uuid() AS text), '-', '')
                                   || replace(CAST(gen_random_uuid() AS text), '-', '')
                              FROM wanted w
                             ORDER BY w.n
                            RETURNING id, account_id, template_id, started_on
                        ), tasks AS (
                            INSERT INTO playbook_task (account_id, run_id, position, title_ja, title_en, owner,
                                                       owner_user_id, how_to, check_event, due_on)
                            SELECT r.account_id, r.id, tt.position, tt.title_ja, tt.title_en, tt.owner,
                                   CASE WHEN tt.owner = 'cs' THEN a.owner_user_id END, tt.how_to, tt.check_event,
                                   r.started_on + tt.due_offset_days
                              FROM runs r
                              JOIN playbook_task_template tt ON tt.template_id = r.template_id
                              JOIN account a ON a.id = r.account_id
                        )
                        SELECT id
                          FROM runs
                         ORDER BY id
                        """)
                .param("accountIds", starts.stream().map(RunStart::accountId).toArray(Long[]::new))
                .param("templateIds", starts.stream().map(RunStart::templateId).toArray(Long[]::new))
                .param("startedOn", starts.stream().map(s -> s.startedOn().toString()).toArray(String[]::new))
                .param("origin", origin)
                .param("by", by)
                .query(Long.class)
                .list();
    }

    /** Which of these accounts have ever run any version of template {@code code}. */
    List<Long> accountsThatRan(String code, List<Long> accountIds) {
        return jdbc.sql("""
                        SELECT DISTINCT r.account_id
                          FROM playbook_run r
                          JOIN playbook_template t ON t.id = r.template_id
                         WHERE t.code = :code
                           AND r.account_id = ANY(:ids)
                        """)
                .param("code", code)
                .param("ids", accountIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    /** Ticks a task off by hand; a task already done keeps its first done day. */
    @Transactional
    PlaybookTask markDone(long taskId, LocalDate doneOn, String by) {
        jdbc.sql("""
                        UPDATE playbook_task
                           SET done_on = :doneOn,
                               done_by = :by,
                               done_via = 'hand'
                         WHERE id = :id
                           AND done_on IS NULL
                        """)
                .param("doneOn", doneOn)
                .param("by", by)
                .param("id", taskId)
                .update();
        return task(taskId);
    }

    /** Writes past task completions, e.g. the demo company's onboarding history, in one statement. */
    void recordDone(List<TaskDone> done) {
        if (done.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE playbook_task k
                           SET done_on = d.done_on,
                               done_by = d.done_by,
                               done_via = 'hand'
                          FROM unnest(:accountIds, :templateIds, :positions, CAST(:doneOn AS date[]), :doneBy)
                               AS d (account_id, template_id, position, done_on, done_by),
                               playbook_run r
                         WHERE r.account_id = d.account_id
                           AND r.template_id = d.template_id
                           AND k.run_id = r.id
                           AND k.position = d.position
                        """)
                .param("accountIds", done.stream().map(TaskDone::accountId).toArray(Long[]::new))
                .param("templateIds", done.stream().map(TaskDone::templateId).toArray(Long[]::new))
                .param("positions", done.stream().map(TaskDone::position).toArray(Integer[]::new))
                .param("doneOn", done.stream().map(d -> d.doneOn().toString()).toArray(String[]::new))
                .param("doneBy", done.stream().map(TaskDone::doneBy).toArray(String[]::new))
                .update();
    }

    /** Open tasks of open runs that a usage event can tick off, with the day their run started. */
    List<CheckQuestion> openCheckedTasks() {
        return jdbc.sql("""
                        SELECT k.id AS task_id, k.account_id, k.check_event, r.started_on
                          FROM playbook_task k
                          JOIN playbook_run r ON r.id = k.run_id
                         WHERE k.done_on IS NULL
                           AND k.check_event IS NOT NULL
                           AND r.completed_on IS NULL
                           AND r.cancelled_on IS NULL
                        """)
                .query(CheckQuestion.class)
                .list();
    }

    record CheckQuestion(long taskId, long accountId, String checkEvent, LocalDate startedOn) {
    }

    /** Ticks tasks off as done by their completion check, each on the day its event was first seen. */
    int markCheckedDone(Map<Long, LocalDate> doneOnByTask) {
        if (doneOnByTask.isEmpty()) {
            return 0;
        }
        Long[] ids = doneOnByTask.keySet().toArray(Long[]::new);
        return jdbc.sql("""
                        UPDATE playbook_task k
                           SET done_on = d.done_on,
                               done_by = 'check',
                               done_via = 'check'
                          FROM unnest(:ids, CAST(:doneOn AS date[])) AS d (id, done_on)
                         WHERE k.id = d.id
                           AND k.done_on IS NULL
                        """)
                .param("ids", ids)
                .param("doneOn", java.util.Arrays.stream(ids).map(id -> doneOnByTask.get(id).toString())
                        .toArray(String[]::new))
                .update();
    }

    /** Closes every open run whose tasks are all done, dated its last task's day; returns those runs. */
    List<Finished> completeFinishedRuns() {
        return jdbc.sql("""
                        UPDATE playbook_run r
                           SET completed_on = GREATEST(r.started_on, t.last_done)
                          FROM (SELECT k.run_id, max(k.done_on) AS last_done
                                  FROM playbook_task k
                                  JOIN playbook_run open_run ON open_run.id = k.run_id
                                 WHERE open_run.completed_on IS NULL
                                   AND open_run.cancelled_on IS NULL
                                 GROUP BY k.run_id
                                HAVING count(*) = count(k.done_on)) t
                         WHERE r.id = t.run_id
                        RETURNING r.id AS run_id, r.account_id, r.template_id
                        """)
                .query(Finished.class)
                .list();
    }

    @Transactional
    void cancel(long runId, LocalDate on) {
        jdbc.sql("""
                        UPDATE playbook_run
                           SET cancelled_on = :on
                         WHERE id = :id
                           AND completed_on IS NULL
                           AND cancelled_on IS NULL
                        """)
                .param("on", on)
                .param("id", runId)
                .update();
    }

    public Optional<PlaybookRun> findById(long id, LocalDate today) {
        return jdbc.sql(SELECT_RUN + " WHERE r.id = :id")
                .param("id", id)
                .param("today", today)
                .query(PlaybookRun.class)
                .optional();
    }

    public PlaybookRun get(long id, LocalDate today) {
        return findById(id, today).orElseThrow(() -> new NotFoundException("playbook run", id));
    }

    /** The run a share token opens; nothing for a token that names none (the page answers 404). */
    Optional<PlaybookRun> byShareToken(String token, LocalDate today) {
        if (token == null || !token.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT_RUN + " WHERE r.share_token = :token")
                .param("token", token)
                .param("today", today)
                .query(PlaybookRun.class)
                .optional();
    }

    public List<PlaybookRun> forAccount(long accountId, LocalDate today) {
        return jdbc.sql(SELECT_RUN + " WHERE r.account_id = :accountId ORDER BY r.started_on DESC, r.id DESC")
                .param("accountId", accountId)
                .param("today", today)
                .query(PlaybookRun.class)
                .list();
    }

    /** One page of runs, newest first; {@code status} open, overdue (open with a late task), completed or all. */
    List<PlaybookRun> page(String status, Long ownerUserId, LocalDate today, int page, int size) {
        return jdbc.sql(SELECT_RUN + runFilter(status, ownerUserId) + """

                         ORDER BY r.started_on DESC, r.id DESC
                         LIMIT :size OFFSET :offset
                        """)
                .param("today", today)
                .param("owner", ownerUserId)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(PlaybookRun.class)
                .list();
    }

    long count(String status, Long ownerUserId, LocalDate today) {
        return jdbc.sql("SELECT count(*) FROM playbook_run r JOIN account a ON a.id = r.account_id"
                        + runFilter(status, ownerUserId))
                .param("today", today)
                .param("owner", ownerUserId)
                .query(Long.class)
                .single();
    }

    private static String runFilter(String status, Long ownerUserId) {
        String where = switch (status == null ? "all" : status) {
            case "open" -> " WHERE r.completed_on IS NULL AND r.cancelled_on IS NULL";
            case "overdue" -> " WHERE r.completed_on IS NULL AND r.cancelled_on IS NULL AND EXISTS (SELECT 1"
                    + " FROM playbook_task k WHERE k.run_id = r.id AND k.done_on IS NULL AND k.due_on < :today)";
            case "completed" -> " WHERE r.completed_on IS NOT NULL";
            default -> " WHERE true";
        };
        return ownerUserId == null ? where : where + " AND a.owner_user_id = :owner";
    }

    public List<PlaybookTask> tasksOf(long runId) {
        return jdbc.sql(SELECT_TASK + " WHERE k.run_id = :runId ORDER BY k.position, k.id")
                .param("runId", runId)
                .query(PlaybookTask.class)
                .list();
    }

    public List<PlaybookTask> tasksForAccount(long accountId) {
        return jdbc.sql(SELECT_TASK + " WHERE k.account_id = :accountId ORDER BY k.done_on NULLS FIRST, k.due_on, k.id")
                .param("accountId", accountId)
                .query(PlaybookTask.class)
                .list();
    }

    public PlaybookTask task(long id) {
        return jdbc.sql(SELECT_TASK + " WHERE k.id = :id")
                .param("id", id)
                .query(PlaybookTask.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("playbook task", id));
    }

    /**
     * A CSM's open work: its own CS tasks, and the customer tasks of its accounts (so it can chase those that
     * slip), soonest due first; {@code overdueOnly} keeps those past due on {@code today}.
     */
    List<PlaybookTask> openTasksFor(long userId, boolean overdueOnly, LocalDate today, int page, int size) {
        return jdbc.sql(SELECT_TASK + openTasksFilter(overdueOnly) + """

                         ORDER BY k.due_on, k.id
                         LIMIT :size OFFSET :offset
                        """)
                .param("userId", userId)
                .param("today", today)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(PlaybookTask.class)
                .list();
    }

    long countOpenTasksFor(long userId, boolean overdueOnly, LocalDate today) {
        return jdbc.sql("""
                        SELECT count(*)
                          FROM playbook_task k
                          JOIN account a ON a.id = k.account_id
                        """ + openTasksFilter(overdueOnly))
                .param("userId", userId)
                .param("today", today)
                .query(Long.class)
                .single();
    }

    private static String openTasksFilter(boolean overdueOnly) {
        return """
                 WHERE k.done_on IS NULL
                   AND (k.owner_user_id = :userId OR k.owner = 'customer' AND a.owner_user_id = :userId)
                   AND NOT EXISTS (SELECT 1 FROM playbook_run r WHERE r.id = k.run_id AND r.cancelled_on IS NOT NULL)
                """ + (overdueOnly ? "   AND k.due_on < :today\n" : "");
    }

    /** One CS task created by a rule for each account's owner, due {@code dueDays} after {@code on}. */
    int createRuleTasks(long ruleId, List<Long> accountIds, String title, LocalDate on, int dueDays) {
        if (accountIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO playbook_task (account_id, rule_id, title_ja, title_en, owner, owner_user_id,
                                                   due_on)
                        SELECT a.id, :ruleId, :title, :title, 'cs', a.owner_user_id, :dueOn
                          FROM account a
                         WHERE a.id = ANY(:ids)
                        """)
                .param("ruleId", ruleId)
                .param("title", title)
                .param("dueOn", on.plusDays(dueDays))
                .param("ids", accountIds.toArray(Long[]::new))
                .update();
    }
}
