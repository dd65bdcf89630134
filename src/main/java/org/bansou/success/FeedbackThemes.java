package org.bansou.success;

import java.sql.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.renewal.ChurnRecord;
import org.bansou.renewal.ChurnRecords;
import org.bansou.subscription.AccountMrr;
import org.bansou.subscription.Subscriptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code feedback_theme}: the themes, their status for the product team, and their ranking by MRR. */
@Component
public class FeedbackThemes {

    private static final String SELECT = """
            SELECT id, title, description, status, shipped_in, status_changed_at, status_changed_by, created_by,
                   created_at, version
              FROM feedback_theme
            """;

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final ChurnRecords churns;
    private final CurrencyConversion conversion;
    private final java.time.Clock clock;

    FeedbackThemes(JdbcClient jdbc, Subscriptions subscriptions, ChurnRecords churns, CurrencyConversion conversion,
                   java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.subscriptions = subscriptions;
        this.churns = churns;
        this.conversion = conversion;
    }

    public FeedbackTheme create(String title, String description, String by) {
        return jdbc.sql("""
                        INSERT INTO feedback_theme (title, description, created_by)
                        VALUES (:title, :description, :by)
                        RETURNING id, title, description, status, shipped_in, status_changed_at, status_changed_by,
                                  created_by, created_at, version
                        """)
                .param("title", title).param("description", description).param("by", by)
                .query(FeedbackTheme.class)
                .single();
    }

    public FeedbackTheme get(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(FeedbackTheme.class).optional()
                .orElseThrow(() -> new NotFoundException("feedback theme", id));
    }

    public List<FeedbackTheme> all() {
        return jdbc.sql(SELECT + " ORDER BY title, id").query(FeedbackTheme.class).list();
    }

    /** Sets the product team's status; refused (409) if the theme changed since {@code expectedVersion}. */
    public FeedbackTheme setStatus(long id, int expectedVersion, String status, String shippedIn, String by) {
        int updated = jdbc.sql("""
                        UPDATE feedback_theme
                           SET status = :status,
                               shipped_in = :shippedIn,
                               status_changed_at = now(),
                               status_changed_by = :by,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .param("status", status).param("shippedIn", shippedIn).param("by", by)
                .param("id", id).param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("feedback theme", id, expectedVersion, get(id).version());
        }
        return get(id);
    }

    /** The accounts that gave feedback grouped into this theme. */
    public List<Long> askingAccounts(long themeId) {
        return jdbc.sql("SELECT DISTINCT account_id FROM feedback WHERE theme_id = :id ORDER BY account_id")
                .param("id", themeId)
                .query(Long.class)
                .list();
    }

    /**
     * Existing themes resembling {@code text}, most alike first: pg_trgm similarity of the text with the theme's
     * title and with each entry already in it, the best of those.
     */
    public List<ThemeSuggestion> suggestionsFor(String text, int limit) {
        return jdbc.sql("""
                        SELECT t.id AS theme_id, t.title, t.status,
                               GREATEST(similarity(t.title, :text),
                                        COALESCE(max(similarity(f.body, :text)), 0)) AS similarity
                          FROM feedback_theme t
                          LEFT JOIN feedback f ON f.theme_id = t.id
                         GROUP BY t.id
                        HAVING GREATEST(similarity(t.title, :text), COALESCE(max(similarity(f.body, :text)), 0)) > 0.05
                         ORDER BY similarity DESC, t.id
                         LIMIT :limit
                        """)
                .param("text", text)
                .param("limit", limit)
                .query(ThemeSuggestion.class)
                .list();
    }

    private record ThemeFigures(long themeId, long entries, Long[] accountIds) {
    }

    private record Citation(long themeId, Long churnRecordId, long accountId, java.time.LocalDate churnedOn,
                            Long churnedMrr, String churnedCurrency) {
    }

    private record ChurnKey(long accountId, java.time.LocalDate churnedOn) {
    }

    /** A figure in the ranking currency, or the currency it could not be converted from. */
    private record Converted(long amount, String unconverted) {
    }

    /**
     * Every theme weighed by the current MRR of the accounts asking (each account once) plus the MRR lost in the
     * churns that cited it (each churn once), in {@code currency}; heaviest first. A churn linked to renewal's
     * churn record counts that record's MRR lost; an entry naming only a churn date counts its own figure, unless
     * a linked entry of the theme already names the same account's churn that day. Three statements for all themes.
     * <p>
     * Other currencies are converted at revenue's rates: churned MRR on the day of the churn, asking MRR today. A
     * figure in a currency without a rate is left out of the weight and its currency named in the theme's
     * {@link ThemeRank#unconverted()}, never added as if it were the ranking currency.
     */
    public List<ThemeRank> ranking(String currency, Collection<String> statuses) {
        List<ThemeFigures> figures = jdbc.sql("""
                        SELECT f.theme_id, count(*) AS entries, array_agg(DISTINCT f.account_id) AS account_ids
                          FROM feedback f
                         WHERE f.theme_id IS NOT NULL
                         GROUP BY f.theme_id
                        """)
                .query((rs, n) -> new ThemeFigures(rs.getLong("theme_id"), rs.getLong("entries"),
                        longs(rs.getArray("account_ids"))))
                .list();
        List<Citation> citations = jdbc.sql("""
                        SELECT DISTINCT theme_id, churn_record_id, account_id, churned_on, churned_mrr,
                               churned_currency
                          FROM feedback
                         WHERE theme_id IS NOT NULL
                           AND (churn_record_id IS NOT NULL OR churned_mrr IS NOT NULL)
                        """)
                .query(Citation.class)
                .list();
        Map<Long, ChurnRecord> linked = churns.byIds(citations.stream().map(Citation::churnRecordId)
                        .filter(java.util.Objects::nonNull).distinct().toList()).stream()
                .collect(Collectors.toMap(ChurnRecord::id, r -> r));
        CurrencyConversion.Rates rates = conversion.rates();
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        Map<Long, Map<ChurnKey, Converted>> churnedByTheme = new java.util.HashMap<>();
        for (Citation c : citations) {
            if (c.churnRecordId() != null && linked.containsKey(c.churnRecordId())) {
                ChurnRecord churn = linked.get(c.churnRecordId());
                churnedByTheme.computeIfAbsent(c.themeId(), t -> new java.util.HashMap<>()).put(
                        new ChurnKey(churn.accountId(), churn.churnedOn()),
                        convert(rates, churn.mrrLost(), churn.currency(), currency, churn.churnedOn()));
            }
        }
        for (Citation c : citations) {
            if (c.churnRecordId() == null && c.churnedOn() != null) {
                churnedByTheme.computeIfAbsent(c.themeId(), t -> new java.util.HashMap<>()).putIfAbsent(
                        new ChurnKey(c.accountId(), c.churnedOn()),
                        c.churnedMrr() == null ? new Converted(0, null)
                                : convert(rates, c.churnedMrr(), c.churnedCurrency(), currency, c.churnedOn()));
            }
        }
        Set<Long> accounts = new HashSet<>();
        figures.forEach(f -> accounts.addAll(Arrays.asList(f.accountIds())));
        Map<Long, List<Converted>> mrr = subscriptions.currentMrrOf(accounts).stream()
                .collect(Collectors.groupingBy(AccountMrr::accountId, Collectors.mapping(
                        m -> convert(rates, m.mrr(), m.currency(), currency, today), Collectors.toList())));
        Map<Long, ThemeFigures> byTheme = figures.stream().collect(Collectors.toMap(ThemeFigures::themeId, f -> f));
        List<ThemeRank> ranks = new ArrayList<>();
        for (FeedbackTheme theme : all()) {
            if (!statuses.isEmpty() && !statuses.contains(theme.status())) {
                continue;
            }
            ThemeFigures f = byTheme.get(theme.id());
            if (f == null) {
                ranks.add(new ThemeRank(theme, 0, 0, 0, 0, 0, currency, List.of()));
                continue;
            }
            Map<ChurnKey, Converted> churned = churnedByTheme.getOrDefault(theme.id(), Map.of());
            List<Converted> asking = Arrays.stream(f.accountIds())
                    .flatMap(id -> mrr.getOrDefault(id, List.of()).stream()).toList();
            java.util.TreeSet<String> unconverted = new java.util.TreeSet<>();
            for (Converted figure : asking) {
                if (figure.unconverted() != null) {
                    unconverted.add(figure.unconverted());
                }
            }
            for (Converted figure : churned.values()) {
                if (figure.unconverted() != null) {
                    unconverted.add(figure.unconverted());
                }
            }
            ranks.add(new ThemeRank(theme, f.entries(), f.accountIds().length,
                    asking.stream().mapToLong(Converted::amount).sum(),
                    churned.values().stream().mapToLong(Converted::amount).sum(), churned.size(), currency,
                    List.copyOf(unconverted)));
        }
        ranks.sort(Comparator.comparingLong(ThemeRank::weight).reversed()
                .thenComparing(Comparator.comparingLong(ThemeRank::accounts).reversed())
                .thenComparing(r -> r.theme().id()));
        return ranks;
    }

    private static Converted convert(CurrencyConversion.Rates rates, long minor, String from, String to,
                                     java.time.LocalDate day) {
        if (from.equals(to)) {
            return new Converted(minor, null);
        }
        if (!rates.missing(List.of(from), to).isEmpty()) {
            return new Converted(0, from);
        }
        return new Converted(rates.convert(minor, from, to, day), null);
    }

    private static Long[] longs(Array array) throws java.sql.SQLException {
        return (Long[]) array.getArray();
    }
}
