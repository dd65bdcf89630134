package org.bansou.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bansou.database.Bulk;
import org.bansou.database.ContainsSearch;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.database.UpsertResult;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code account}: every SQL statement that reads or writes accounts. */
@Component
public class Accounts {

    // what Accounts::account reads, from account a and its owner u
    private static final String ACCOUNT_COLUMNS = """
            SELECT a.id, a.external_id, a.name, a.industry, a.employee_band, a.decision_style,
                   a.owner_user_id, u.display_name AS owner_name, a.touch_tier, a.lifecycle_stage,
                   a.version, a.created_at, a.archived_at
            """;

    static final String SELECT_ACCOUNT = ACCOUNT_COLUMNS + """
              FROM account a
              LEFT JOIN app_user u ON u.id = a.owner_user_id
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final StageChanges stageChanges;

    Accounts(JdbcClient jdbc, NamedParameterJdbcTemplate batch, StageChanges stageChanges) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.stageChanges = stageChanges;
    }

    public Optional<Account> findById(long id) {
        return jdbc.sql(SELECT_ACCOUNT + " WHERE a.id = :id")
                .param("id", id)
                .query(Account.class)
                .optional();
    }

    public Account get(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("account", id));
    }

    public Optional<Account> findByExternalId(String externalId) {
        return jdbc.sql(SELECT_ACCOUNT + " WHERE a.external_id = :externalId")
                .param("externalId", externalId)
                .query(Account.class)
                .optional();
    }

    /** External ids among {@code externalIds} that bansou already knows. */
    /** The ids of these accounts by external id, in one statement (bulk writers keyed by external id). */
    public Map<String, Long> idsByExternalId(Collection<String> externalIds) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("SELECT external_id, id FROM account WHERE external_id = ANY(:ids)")
                .param("ids", externalIds.toArray(String[]::new))
                .query((rs, n) -> ids.put(rs.getString("external_id"), rs.getLong("id")))
                .list();
        return ids;
    }

    public List<String> existingExternalIds(List<String> externalIds) {
        return jdbc.sql("SELECT external_id FROM account WHERE external_id = ANY(:ids)")
                .param("ids", externalIds.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    /** Every account in its import-file shape, ordered by external id: what an export writes. */
    public List<AccountRow> allRows() {
        // mapped by hand: the record mapper throws and catches an exception per camelCase field and row
        return jdbc.sql("""
                        SELECT a.external_id, a.name, a.industry, a.employee_band, a.decision_style,
                               u.username AS owner_username, a.touch_tier, a.lifecycle_stage
                          FROM account a
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                         ORDER BY a.external_id
                        """)
                .query((rs, n) -> new AccountRow(
                        rs.getString("external_id"),
                        rs.getString("name"),
                        rs.getString("industry"),
                        rs.getString("employee_band"),
                        rs.getString("decision_style"),
                        rs.getString("owner_username"),
                        rs.getString("touch_tier"),
                        rs.getString("lifecycle_stage")))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM account").query(Long.class).single();
    }

    /**
     * Inserts new accounts and updates changed ones by external id; a row equal to what is stored is left
     * alone (its version does not move), so importing the same file twice changes nothing. Stage changes
     * made this way are appended to the stage history like any other.
     */
    @Transactional
    public UpsertResult upsertAll(List<AccountRow> rows) {
        return upsert(rows, null);
    }

    /**
     * Accounts arriving with their past (a migrated history, the demo company): their stage history is
     * recorded as given, each move dated when it was made, instead of one move dated now; an account whose
     * history begins before it reached bansou counts as created when its history begins.
     */
    @Transactional
    public UpsertResult upsertAllWithHistory(List<AccountRow> rows, List<StageChanges.PastMove> history) {
        UpsertResult result = upsert(rows, history);
        Map<String, Instant> began = new HashMap<>();
        history.forEach(move -> began.merge(move.accountExternalId(), move.changedAt(),
                (a, b) -> a.isBefore(b) ? a : b));
        jdbc.sql("""
                        UPDATE account a
                           SET created_at = b.began
                          FROM unnest(:externalIds, CAST(:began AS timestamptz[])) AS b(external_id, began)
                         WHERE a.external_id = b.external_id
                           AND a.created_at > b.began
                        """)
                .param("externalIds", began.keySet().toArray(String[]::new))
                .param("began", began.keySet().stream().map(id -> began.get(id).toString()).toArray(String[]::new))
                .update();
        return result;
    }

    private UpsertResult upsert(List<AccountRow> rows, List<StageChanges.PastMove> history) {
        Map<String, String> stageBefore = new HashMap<>();
        jdbc.sql("SELECT external_id, lifecycle_stage FROM account WHERE external_id = ANY(:ids)")
                .param("ids", rows.stream().map(AccountRow::externalId).toArray(String[]::new))
                .query((rs, n) -> stageBefore.put(rs.getString(1), rs.getString(2)))
                .list();
        int affected = Bulk.run(batch, """
                INSERT INTO account (external_id, name, industry, employee_band, decision_style, owner_user_id,
                                     touch_tier, lifecycle_stage)
                VALUES (:externalId, :name, :industry, :employeeBand, :decisionStyle,
                        (SELECT id FROM app_user WHERE username = :ownerUsername),
                        COALESCE(:touchTier, 'tech'), COALESCE(:lifecycleStage, 'onboarding'))
                ON CONFLICT (external_id) DO UPDATE
                   SET name = EXCLUDED.name,
                       industry = EXCLUDED.industry,
                       employee_band = EXCLUDED.employee_band,
                       decision_style = EXCLUDED.decision_style,
                       owner_user_id = EXCLUDED.owner_user_id,
                       touch_tier = EXCLUDED.touch_tier,
                       lifecycle_stage = EXCLUDED.lifecycle_stage,
                       unmapped_at = NULL,
                       version = account.version + 1
                 WHERE (account.name, account.industry, account.employee_band, account.decision_style,
                        account.owner_user_id, account.touch_tier, account.lifecycle_stage)
                       IS DISTINCT FROM
                       (EXCLUDED.name, EXCLUDED.industry, EXCLUDED.employee_band, EXCLUDED.decision_style,
                        EXCLUDED.owner_user_id, EXCLUDED.touch_tier, EXCLUDED.lifecycle_stage)
                    OR account.unmapped_at IS NOT NULL
                """, rows, row -> new MapSqlParameterSource()
                .addValue("externalId", row.externalId())
                .addValue("name", row.name())
                .addValue("industry", row.industry())
                .addValue("employeeBand", row.employeeBand())
                .addValue("decisionStyle", row.decisionStyle())
                .addValue("ownerUsername", row.ownerUsername())
                .addValue("touchTier", row.touchTier())
                .addValue("lifecycleStage", row.lifecycleStage()));
        List<StageChanges.Move> moves = rows.stream()
                .filter(row -> {
                    String to = row.lifecycleStage() == null ? "onboarding" : row.lifecycleStage();
                    return !to.equals(stageBefore.get(row.externalId()));
                })
                .map(row -> new StageChanges.Move(row.externalId(), stageBefore.get(row.externalId()),
                        row.lifecycleStage() == null ? "onboarding" : row.lifecycleStage()))
                .toList();
        if (history == null) {
            stageChanges.appendAll(moves);
        } else {
            stageChanges.recordAllPast(history);
        }
        return UpsertResult.of(rows.size(), stageBefore.size(), affected);
    }

    /** Saves a person's edit of the profile; refused if someone saved since {@code expectedVersion}. */
    @Transactional
    public Account update(long id, int expectedVersion, AccountProfile profile) {
        Account before = get(id);
        int updated = jdbc.sql("""
                        UPDATE account
                           SET name = :name,
                               industry = :industry,
                               employee_band = :employeeBand,
                               decision_style = :decisionStyle,
                               owner_user_id = :ownerUserId,
                               touch_tier = :touchTier,
                               lifecycle_stage = :lifecycleStage,
                               unmapped_at = NULL,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .param("name", profile.name())
                .param("industry", profile.industry())
                .param("employeeBand", profile.employeeBand())
                .param("decisionStyle", profile.decisionStyle())
                .param("ownerUserId", profile.ownerUserId())
                .param("touchTier", profile.touchTier())
                .param("lifecycleStage", profile.lifecycleStage())
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("account", id, expectedVersion, get(id).version());
        }
        if (!before.lifecycleStage().equals(profile.lifecycleStage())) {
            stageChanges.append(id, before.lifecycleStage(), profile.lifecycleStage());
        }
        return get(id);
    }

    @Transactional
    public Account create(String externalId, AccountProfile profile) {
        long id = jdbc.sql("""
                        INSERT INTO account (external_id, name, industry, employee_band, decision_style,
                                             owner_user_id, touch_tier, lifecycle_stage)
                        VALUES (:externalId, :name, :industry, :employeeBand, :decisionStyle, :ownerUserId,
                                :touchTier, :lifecycleStage)
                        RETURNING id
                        """)
                .param("externalId", externalId)
                .param("name", profile.name())
                .param("industry", profile.industry())
                .param("employeeBand", profile.employeeBand())
                .param("decisionStyle", profile.decisionStyle())
                .param("ownerUserId", profile.ownerUserId())
                .param("touchTier", profile.touchTier())
                .param("lifecycleStage", profile.lifecycleStage())
                .query(Long.class)
                .single();
        stageChanges.append(id, null, profile.lifecycleStage());
        return get(id);
    }

    /**
     * Moves each of these accounts that is still in stage {@code from} on to {@code to}, appending the move to
     * the stage history, in one statement for all of them (a playbook's completion rule, e.g. onboarding done
     * -> adoption); accounts already elsewhere are left alone. Returns the ids that moved.
     */
    @Transactional
    public List<Long> advanceStage(Collection<Long> accountIds, String from, String to, String by) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        WITH moved AS (
                            UPDATE account
                               SET lifecycle_stage = :to,
                                   version = version + 1
                             WHERE id = ANY(:ids)
                               AND lifecycle_stage = :from
                            RETURNING id
                        )
                        INSERT INTO stage_change (account_id, from_stage, to_stage, changed_at, changed_by)
                        SELECT id, :from, :to, now(), :by
                          FROM moved
                        RETURNING account_id
                        """)
                .param("ids", accountIds.toArray(Long[]::new))
                .param("from", from)
                .param("to", to)
                .param("by", by)
                .query(Long.class)
                .list();
    }

    /**
     * One page of the accounts list, filtered and sorted in the database. Only the filters in use become
     * conditions, so each combination gets a plan made for it (a catch-all {@code :x IS NULL OR ...} would
     * let a cached generic plan scan every account).
     */
    public AccountPage page(AccountFilter filter, int page, int size) {
        List<String> conditions = new ArrayList<>(List.of("a.archived_at IS NULL"));
        MapSqlParameterSource values = new MapSqlParameterSource();
        if (filter.stage() != null) {
            conditions.add("a.lifecycle_stage = :stage");
            values.addValue("stage", filter.stage());
        }
        if (filter.tier() != null) {
            conditions.add("a.touch_tier = :tier");
            values.addValue("tier", filter.tier());
        }
        if (filter.ownerUserId() != null) {
            conditions.add("a.owner_user_id = :ownerUserId");
            values.addValue("ownerUserId", filter.ownerUserId());
        }
        if (filter.industry() != null) {
            conditions.add("a.industry = :industry");
            values.addValue("industry", filter.industry());
        }
        if (filter.q() != null) {
            conditions.add(filter.qHasLetterCase()
                    ? "(a.name ILIKE :pattern OR a.external_id ILIKE :pattern)"
                    : "(a.name LIKE :pattern OR a.external_id LIKE :pattern)");
            values.addValue("pattern", filter.qPattern());
        }
        String where = "\n WHERE " + String.join("\n   AND ", conditions) + "\n";
        long total = batch.queryForObject("SELECT count(*)\n  FROM account a" + where, values, Long.class);
        // The page's ids are found first, in list order, from an index alone; only those rows are then read
        // whole. A deep page (OFFSET 99,950) thus walks index entries, not 100,000 table rows. The owner's
        // name lives in app_user, so only that sort joins it while finding the ids.
        String ownerJoin = filter.sortColumn().equals("owner")
                ? "\n  LEFT JOIN app_user u ON u.id = a.owner_user_id" : "";
        String matched = "";
        String idsFrom = "account a" + ownerJoin + where;
        if (filter.q() != null) {
            // A search collects its matches through the trigram indexes first and sorts only those. Left to
            // itself the planner walks the name index hoping to meet 50 matches early, and for a name that
            // sorts late ("小林歯…") read 50,000 rows before the first one.
            matched = "WITH matched AS MATERIALIZED (\nSELECT a.*\n  FROM account a" + where + ")\n";
            idsFrom = "matched a" + ownerJoin;
        }
        // "id = ANY(ARRAY(...))" rather than a join with the page: once the driver prepares the statement,
        // PostgreSQL may plan it for any LIMIT, and a join then read all accounts to meet 50 ids
        List<Account> rows = jdbc.sql(matched + SELECT_ACCOUNT + """
                         WHERE a.id = ANY(ARRAY(SELECT a.id
                                                  FROM %s
                                                 ORDER BY %s
                                                 LIMIT :limit
                                                OFFSET :offset))
                         ORDER BY %s
                        """.formatted(idsFrom, filter.orderBy(), filter.orderBy()))
                .paramSource(values.addValue("limit", size).addValue("offset", (long) page * size))
                .query(Account.class)
                .list();
        return new AccountPage(rows, page, size, total);
    }

    /**
     * The account ids of these external ids, creating an account for each one bansou does not know yet. Usage
     * data names accounts by the customer's own ids; an id seen there first becomes an "unmapped" account
     * (named by its id) so its usage is kept, until an import or an edit maps it.
     */
    @Transactional
    public Map<String, Long> ensureUnmapped(Collection<String> externalIds) {
        String[] ids = externalIds.stream().distinct().toArray(String[]::new);
        Map<String, Long> known = idsByExternalId(ids);
        if (known.size() < ids.length) {
            jdbc.sql("""
                            INSERT INTO account (external_id, name, unmapped_at)
                            SELECT external_id, external_id, now()
                              FROM unnest(CAST(:ids AS text[])) AS wanted (external_id)
                             ORDER BY external_id
                            ON CONFLICT (external_id) DO NOTHING
                            """)
                    .param("ids", Arrays.stream(ids).filter(id -> !known.containsKey(id)).toArray(String[]::new))
                    .update();
            known.putAll(idsByExternalId(ids));
        }
        return known;
    }

    private Map<String, Long> idsByExternalId(String[] externalIds) {
        Map<String, Long> ids = new HashMap<>();
        // a join, not "= ANY": with a generic plan, ANY compares each row with the whole list
        jdbc.sql("""
                        SELECT a.external_id, a.id
                          FROM unnest(CAST(:ids AS text[])) AS wanted (external_id)
                          JOIN account a ON a.external_id = wanted.external_id
                        """)
                .param("ids", externalIds)
                .query((rs, n) -> ids.put(rs.getString(1), rs.getLong(2)))
                .list();
        return ids;
    }

    // mapped by hand for the many-row reads: the record mapper throws and catches per camelCase field and row
    private static Account account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        java.sql.Timestamp archived = rs.getTimestamp("archived_at");
        return new Account(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"),
                rs.getString("industry"), rs.getString("employee_band"), rs.getString("decision_style"),
                (Long) rs.getObject("owner_user_id"), rs.getString("owner_name"), rs.getString("touch_tier"),
                rs.getString("lifecycle_stage"), rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
                archived == null ? null : archived.toInstant());
    }

    /** The accounts of these ids that exist, in no particular order. */
    public List<Account> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // a join, not "= ANY": with a generic plan, ANY compares each row with the whole list
        return jdbc.sql(ACCOUNT_COLUMNS + """
                          FROM unnest(CAST(:ids AS bigint[])) AS wanted (id)
                          JOIN account a ON a.id = wanted.id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                        """)
                .param("ids", ids.stream().distinct().toArray(Long[]::new))
                .query(Accounts::account)
                .list();
    }

    /** The accounts of these external ids that exist, in no particular order. */
    public List<Account> byExternalIds(Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return List.of();
        }
        // a join, not "= ANY": with a generic plan, ANY compares each row with the whole list
        return jdbc.sql(ACCOUNT_COLUMNS + """
                          FROM unnest(CAST(:ids AS text[])) AS wanted (external_id)
                          JOIN account a ON a.external_id = wanted.external_id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                        """)
                .param("ids", externalIds.stream().distinct().toArray(String[]::new))
                .query(Accounts::account)
                .list();
    }

    /** Every live account (not archived, not an unmapped usage id), by id: what rules over accounts read. */
    public List<Account> live() {
        return jdbc.sql(SELECT_ACCOUNT + """
                         WHERE a.archived_at IS NULL
                           AND a.unmapped_at IS NULL
                         ORDER BY a.id
                        """)
                .query(Accounts::account)
                .list();
    }

    /**
     * Moves each account to its new touch tier in one statement, but only an account still in the tier the move
     * starts from: one changed by hand since is left alone rather than silently overwritten. Returns the moves
     * made; each moved account's version moves too, so an open edit form cannot save the old tier back.
     */
    @Transactional
    public List<TouchTierMove> moveTouchTiers(List<TouchTierMove> moves) {
        if (moves.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE account a
                           SET touch_tier = m.to_tier,
                               version = a.version + 1
                          FROM unnest(CAST(:ids AS bigint[]), CAST(:fromTiers AS text[]), CAST(:toTiers AS text[]))
                               AS m(account_id, from_tier, to_tier)
                         WHERE a.id = m.account_id
                           AND a.touch_tier = m.from_tier
                           AND m.from_tier <> m.to_tier
                        RETURNING a.id, m.from_tier, m.to_tier
                        """)
                .param("ids", moves.stream().map(TouchTierMove::accountId).toArray(Long[]::new))
                .param("fromTiers", moves.stream().map(TouchTierMove::fromTier).toArray(String[]::new))
                .param("toTiers", moves.stream().map(TouchTierMove::toTier).toArray(String[]::new))
                .query((rs, n) -> new TouchTierMove(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Accounts first seen in usage data and not yet mapped, newest first. */
    public List<UnmappedAccount> unmapped(int limit) {
        return jdbc.sql("""
                        SELECT id, external_id, name, unmapped_at
                          FROM account
                         WHERE unmapped_at IS NOT NULL
                         ORDER BY unmapped_at DESC, id DESC
                         LIMIT :limit
                        """)
                .param("limit", limit)
                .query(UnmappedAccount.class)
                .list();
    }

    public long countUnmapped() {
        return jdbc.sql("SELECT count(*) FROM account WHERE unmapped_at IS NOT NULL").query(Long.class).single();
    }

    /**
     * The industries of live accounts, for the list's filter. Read as a skip scan over the industry index
     * (one index probe per industry) instead of reading every account to find a dozen distinct values.
     */
    public List<String> industries() {
        return jdbc.sql("""
                        WITH RECURSIVE found AS (
                            (SELECT industry
                               FROM account
                              WHERE industry IS NOT NULL
                                AND archived_at IS NULL
                              ORDER BY industry
                              LIMIT 1)
                            UNION ALL
                            SELECT (SELECT a.industry
                                      FROM account a
                                     WHERE a.industry > found.industry
                                       AND a.archived_at IS NULL
                                     ORDER BY a.industry
                                     LIMIT 1)
                              FROM found
                             WHERE found.industry IS NOT NULL
                        )
                        SELECT industry
                          FROM found
                         WHERE industry IS NOT NULL
                        """)
                .query(String.class)
                .list();
    }

    /**
     * Live accounts whose name (or, for three characters or more, external id) contains {@code search}, for the
     * one search box. External ids have no bigram index: a two-character code fragment would read every account.
     */
    public List<Account> search(ContainsSearch search, int limit) {
        String externalId = search.term().codePointCount(0, search.term().length()) > ContainsSearch.SHORTEST
                ? " OR a.external_id ILIKE :pattern" : "";
        return search.bind(jdbc.sql(SELECT_ACCOUNT + """
                         WHERE a.archived_at IS NULL
                           AND (%s%s)
                         ORDER BY a.name, a.id
                         LIMIT :limit
                        """.formatted(search.condition("a.name"), externalId)))
                .param("limit", limit)
                .query(Account.class)
                .list();
    }

    /** Industry, size and owner of these accounts, in one statement, for comparisons and notifications. */
    public List<AccountSegment> segmentsOf(Collection<Long> ids) {
        return jdbc.sql("""
                        SELECT id, name, industry, employee_band, owner_user_id
                          FROM account
                         WHERE id = ANY(:ids)
                         ORDER BY id
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .query(AccountSegment.class)
                .list();
    }

    /** Live accounts of these industries and employee bands (each pair as "industry|band"), e.g. peers of a story's followers. */
    public List<AccountSegment> liveInSegments(Collection<String> industryAndBand) {
        return jdbc.sql("""
                        SELECT id, name, industry, employee_band, owner_user_id
                          FROM account
                         WHERE archived_at IS NULL
                           AND unmapped_at IS NULL
                           AND industry || '|' || employee_band = ANY(:pairs)
                         ORDER BY id
                        """)
                .param("pairs", industryAndBand.toArray(String[]::new))
                .query(AccountSegment.class)
                .list();
    }
}
