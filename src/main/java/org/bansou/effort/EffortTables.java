package org.bansou.effort;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bansou.web.InvalidFieldException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The reports as plain tables, with headers in the reader's language: what CSV and XLSX exports write. */
@Component
class EffortTables {

    record Table(List<String> headers, List<List<Object>> rows) {
    }

    private static final int ALL = Integer.MAX_VALUE / 2;

    private final EffortReports reports;
    private final TaskKinds kinds;
    private final MessageSource messages;

    EffortTables(EffortReports reports, TaskKinds kinds, MessageSource messages) {
        this.reports = reports;
        this.kinds = kinds;
        this.messages = messages;
    }

    Table table(String report, EffortPeriod period, Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        switch (report) {
            case "stage" -> {
                for (EffortReports.StageRow r : reports.hoursByStage(period, null, null, 0, ALL).rows()) {
                    rows.add(List.of(r.externalId(), r.accountName(), nullable(r.ownerName()), r.touchTier(),
                            hours(r.onboarding()), hours(r.adoption()), hours(r.retention()), hours(r.renewal()),
                            hours(r.total())));
                }
                return new Table(headers(locale, "externalId", "account", "owner", "tier", "stage.onboarding",
                        "stage.adoption", "stage.retention", "stage.renewal", "hours"), rows);
            }
            case "csm" -> {
                Map<String, String> labels = new java.util.HashMap<>();
                kinds.all().forEach(kind -> labels.put(kind.code(), kind.label(locale)));
                for (EffortReports.CsmKindRow r : reports.byCsmAndKind(period, null)) {
                    rows.add(List.of(r.userName(), labels.getOrDefault(r.taskKind(), r.taskKind()), r.entries(),
                            hours(r.minutes()), r.accounts(), r.medianMinutes()));
                }
                return new Table(headers(locale, "csm", "taskKind", "entries", "hours", "accounts", "medianMinutes"), rows);
            }
            case "cost" -> {
                EffortReports.CostToServeReport cost = reports.costToServe(period, null, 0, ALL);
                for (EffortReports.CostRow r : cost.accounts().rows()) {
                    rows.add(java.util.Arrays.asList(r.externalId(), r.accountName(), r.ownerName(), r.touchTier(),
                            hours(r.minutes()), r.cost(), r.monthlyCost(), r.mrr(), r.marginPercent(), cost.currency()));
                }
                return new Table(headers(locale, "externalId", "account", "owner", "tier", "hours", "cost", "monthlyCost",
                        "mrr", "margin", "currency"), rows);
            }
            case "capacity" -> {
                EffortReports.CapacityReport capacity = reports.capacity(period);
                for (EffortReports.CapacityRow r : capacity.csms()) {
                    rows.add(List.of(r.userName(), r.high(), r.low(), r.tech(), r.mrr(), r.load(), r.mrrLoad(), r.hours()));
                }
                return new Table(headers(locale, "csm", "tier.high", "tier.low", "tier.tech", "mrr", "load", "mrrLoad",
                        "hours"), rows);
            }
            default -> throw new InvalidFieldException("report", "must be stage, csm, cost or capacity");
        }
    }

    private List<String> headers(Locale locale, String... keys) {
        List<String> headers = new ArrayList<>();
        for (String key : keys) {
            headers.add(messages.getMessage("effort.col." + key, null, key, locale));
        }
        return headers;
    }

    private static Object nullable(String value) {
        return value == null ? "" : value;
    }

    private static java.math.BigDecimal hours(long minutes) {
        return java.math.BigDecimal.valueOf(minutes).divide(java.math.BigDecimal.valueOf(60), 2,
                java.math.RoundingMode.HALF_UP);
    }
}
