package org.bansou.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.bansou.revenue.pricing.Campaign;
import org.bansou.revenue.pricing.CampaignTarget;
import org.bansou.revenue.pricing.RetiredPriceContract;
import org.bansou.revenue.pricing.RetiredPriceSale;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every table of the revenue pages, built once for the page and for its CSV/XLSX export. Money is shown in
 * major units of its currency (¥ as is, $ with cents), rates in percent.
 */
final class RevenueTables {

    private RevenueTables() {
    }

    static final List<String> WATERFALL = List.of("new_business", "expansion", "reactivation", "moved_in",
            "contraction", "churn", "moved_out");

    static RevenueTable waterfall(RevenueReport report, RevenueParams params) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<String>> links = new ArrayList<>();
        for (GroupFigures group : report.groups()) {
            for (PeriodFigures p : group.periods()) {
                String currency = report.currency();
                rows.add(List.of(group.label(), p.period(), money(p.openingMrr(), currency), money(p.newBusiness(), currency),
                        money(p.expansion(), currency), money(p.reactivation(), currency), money(p.movedIn(), currency),
                        money(p.contraction(), currency), money(p.churn(), currency), money(p.movedOut(), currency),
                        money(p.exchangeRateImpact(), currency), money(p.closingMrr(), currency)));
                List<String> rowLinks = new ArrayList<>(java.util.Arrays.asList(null, null,
                        behind(params, "opening", p, group.key())));
                for (String kind : WATERFALL) {
                    rowLinks.add(behind(params, kind, p, group.key()));
                }
                rowLinks.add(null);
                rowLinks.add(behind(params, "closing", p, group.key()));
                links.add(rowLinks);
            }
        }
        return new RevenueTable("waterfall", "revenue.table.waterfall",
                List.of("revenue.col.group", "revenue.col.period", "revenue.col.opening", "revenue.kind.new_business",
                        "revenue.kind.expansion", "revenue.kind.reactivation", "revenue.kind.moved_in",
                        "revenue.kind.contraction", "revenue.kind.churn", "revenue.kind.moved_out",
                        "revenue.col.fx", "revenue.col.closing"), rows, links);
    }

    static RevenueTable customers(RevenueReport report, RevenueParams params) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<String>> links = new ArrayList<>();
        for (GroupFigures group : report.groups()) {
            for (PeriodFigures p : group.periods()) {
                rows.add(java.util.Arrays.asList(group.label(), p.period(), p.openingCustomers(), p.newCustomers(),
                        p.reactivatedCustomers(), p.movedInCustomers(), p.churnedCustomers(), p.movedOutCustomers(),
                        p.closingCustomers(), p.newAndChurned(), p.arpa() == null ? null : money(p.arpa(), report.currency())));
                links.add(java.util.Arrays.asList(null, null, behind(params, "opening", p, group.key()),
                        behind(params, "new_business", p, group.key()), behind(params, "reactivation", p, group.key()),
                        behind(params, "moved_in", p, group.key()), behind(params, "churn", p, group.key()),
                        behind(params, "moved_out", p, group.key()), behind(params, "closing", p, group.key()),
                        behind(params, "new_and_churned", p, group.key()), null));
            }
        }
        return new RevenueTable("customers", "revenue.table.customers",
                List.of("revenue.col.group", "revenue.col.period", "revenue.col.openingCustomers",
                        "revenue.kind.new_business", "revenue.kind.reactivation", "revenue.kind.moved_in",
                        "revenue.kind.churn", "revenue.kind.moved_out", "revenue.col.closingCustomers",
                        "revenue.col.newAndChurned", "revenue.col.arpa"), rows, links);
    }

    static RevenueTable rates(RevenueReport report) {
        List<List<Object>> rows = new ArrayList<>();
        for (GroupFigures group : report.groups()) {
            for (PeriodFigures p : group.periods()) {
                rows.add(java.util.Arrays.asList(group.label(), p.period(), percent(p.logoChurnRate()),
                        percent(p.revenueChurnRate()), percent(p.grr()), percent(p.nrr()), percent(p.grrT12m()),
                        percent(p.nrrT12m()), p.ltv() == null ? null : money(p.ltv(), report.currency())));
            }
        }
        return new RevenueTable("rates", "revenue.table.rates",
                List.of("revenue.col.group", "revenue.col.period", "revenue.col.logoChurn", "revenue.col.revenueChurn",
                        "revenue.col.grr", "revenue.col.nrr", "revenue.col.grrT12m", "revenue.col.nrrT12m",
                        "revenue.col.ltv"), rows);
    }

    static RevenueTable cohorts(CohortTable table, boolean mrr) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> columns = new ArrayList<>(List.of("revenue.col.cohort", "revenue.col.cohortSize"));
        for (int k = 0; k < table.width(); k++) {
            columns.add("revenue.col.month" + Math.min(k, 1) + ":" + k);
        }
        for (CohortTable.Cohort cohort : table.cohorts()) {
            List<Object> row = new ArrayList<>();
            row.add(cohort.start().toString());
            row.add(mrr ? money(cohort.startingMrr(), table.currency()) : cohort.startingLogos());
            List<Long> values = mrr ? cohort.mrr() : cohort.logos();
            long base = mrr ? cohort.startingMrr() : cohort.startingLogos();
            for (Long value : values) {
                row.add(base == 0 ? null : BigDecimal.valueOf(value * 100).divide(BigDecimal.valueOf(base), 1, RoundingMode.HALF_UP));
            }
            rows.add(row);
        }
        return new RevenueTable(mrr ? "cohorts-mrr" : "cohorts-logos",
                mrr ? "revenue.table.cohortsMrr" : "revenue.table.cohortsLogos", columns, rows);
    }

    static RevenueTable accountsBehind(List<AccountMovement> accounts, String currency) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<String>> links = new ArrayList<>();
        for (AccountMovement a : accounts) {
            rows.add(java.util.Arrays.asList(a.accountName(), a.externalId(), a.ownerName(), money(a.amount(), currency),
                    a.lastMovementOn() == null ? null : a.lastMovementOn().toString()));
            links.add(java.util.Arrays.asList("/revenue/accounts/" + a.accountId(), null, null, null, null));
        }
        return new RevenueTable("accounts-behind", "revenue.table.accountsBehind",
                List.of("revenue.col.account", "revenue.col.externalId", "revenue.col.owner", "revenue.col.amount",
                        "revenue.col.lastMovement"), rows, links);
    }

    static RevenueTable accountsPaying(List<MrrMovements.AccountMrr> accounts) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<String>> links = new ArrayList<>();
        for (MrrMovements.AccountMrr a : accounts) {
            rows.add(java.util.Arrays.asList(a.accountName(), a.externalId(), a.ownerName(), a.currency(),
                    money(a.mrr(), a.currency())));
            links.add(java.util.Arrays.asList("/revenue/accounts/" + a.accountId(), null, null, null, null));
        }
        return new RevenueTable("accounts-paying", "revenue.table.accountsPaying",
                List.of("revenue.col.account", "revenue.col.externalId", "revenue.col.owner", "revenue.col.currency",
                        "revenue.col.mrr"), rows, links);
    }

    static RevenueTable movements(List<Movement> movements, String currency) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<String>> links = new ArrayList<>();
        for (Movement m : movements) {
            rows.add(java.util.Arrays.asList(m.movementOn().toString(), m.accountName(), "revenue.kind." + m.kind(),
                    money(m.amount(), currency), m.changes()));
            links.add(java.util.Arrays.asList(null, "/revenue/accounts/" + m.accountId(), null, null, null));
        }
        return new RevenueTable("movements", "revenue.table.movements",
                List.of("revenue.col.day", "revenue.col.account", "revenue.col.kind", "revenue.col.amount",
                        "revenue.col.changes"), rows, links);
    }

    static RevenueTable retiredContracts(List<RetiredPriceContract> contracts) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<String>> links = new ArrayList<>();
        for (RetiredPriceContract c : contracts) {
            rows.add(java.util.Arrays.asList(c.accountName(), c.ownerName(), c.planName(), c.priceExternalId(),
                    c.priceVersion(), c.priceRetiredOn() != null ? c.priceRetiredOn().toString()
                            : c.planRetiredOn() == null ? null : c.planRetiredOn().toString(),
                    c.currency(), money(c.mrr(), c.currency()), c.renewsOn() == null ? null : c.renewsOn().toString()));
            links.add(java.util.Arrays.asList("/revenue/accounts/" + c.accountId(), null, null, null, null, null, null,
                    null, null));
        }
        return new RevenueTable("retired-contracts", "revenue.table.retiredContracts",
                List.of("revenue.col.account", "revenue.col.owner", "revenue.col.plan", "revenue.col.price",
                        "revenue.col.priceVersion", "revenue.col.retiredOn", "revenue.col.currency", "revenue.col.mrr",
                        "revenue.col.renewsOn"), rows, links);
    }

    static RevenueTable retiredPriceSales(List<RetiredPriceSale> sales) {
        List<List<Object>> rows = new ArrayList<>();
        for (RetiredPriceSale s : sales) {
            rows.add(java.util.Arrays.asList(s.accountName(), s.subscriptionExternalId(), s.priceExternalId(),
                    s.startedOn().toString(), s.retiredOn().toString(), s.flaggedAt().toString(),
                    s.acknowledgedBy()));
        }
        return new RevenueTable("retired-price-sales", "revenue.table.retiredPriceSales",
                List.of("revenue.col.account", "revenue.col.subscription", "revenue.col.price", "revenue.col.startedOn",
                        "revenue.col.retiredOn", "revenue.col.flaggedAt", "revenue.col.acknowledgedBy"), rows);
    }

    static RevenueTable campaigns(List<Campaign> campaigns) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<String>> links = new ArrayList<>();
        for (Campaign c : campaigns) {
            rows.add(java.util.Arrays.asList(c.name(), c.fromPrice(), c.toPrice(), "revenue.campaign." + c.status(),
                    c.targets(), c.pending(), c.migrated(), c.declined(),
                    money(c.mrrChangeIfAllMigrate(), c.currency()), money(c.realizedMrrChange(), c.currency()),
                    BigDecimal.valueOf(c.decidedShare() * 100).setScale(1, RoundingMode.HALF_UP)));
            links.add(java.util.Arrays.asList("/revenue/pricing/campaigns/" + c.id(), null, null, null, null, null,
                    null, null, null, null, null));
        }
        return new RevenueTable("campaigns", "revenue.table.campaigns",
                List.of("revenue.col.name", "revenue.col.fromPrice", "revenue.col.toPrice", "revenue.col.status",
                        "revenue.col.targets", "revenue.campaign.pending", "revenue.campaign.migrated",
                        "revenue.campaign.declined", "revenue.col.mrrChangeIfAll", "revenue.col.realizedChange",
                        "revenue.col.decidedPercent"), rows, links);
    }

    static RevenueTable campaignTargets(List<CampaignTarget> targets) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<String>> links = new ArrayList<>();
        for (CampaignTarget t : targets) {
            rows.add(java.util.Arrays.asList(t.accountName(), t.ownerName(), t.subscriptionExternalId(),
                    money(t.mrrBefore(), t.currency()), money(t.mrrAfter(), t.currency()),
                    money(t.mrrChange(), t.currency()), t.renewsOn() == null ? null : t.renewsOn().toString(),
                    "revenue.campaign." + t.status(), t.note()));
            links.add(java.util.Arrays.asList("/revenue/accounts/" + t.accountId(), null, null, null, null, null, null,
                    null, null));
        }
        return new RevenueTable("campaign-targets", "revenue.table.campaignTargets",
                List.of("revenue.col.account", "revenue.col.owner", "revenue.col.subscription", "revenue.col.mrrBefore",
                        "revenue.col.mrrAfter", "revenue.col.mrrChange", "revenue.col.renewsOn", "revenue.col.status",
                        "revenue.col.note"), rows, links);
    }

    static RevenueTable exchangeRates(List<ExchangeRate> rates) {
        List<List<Object>> rows = new ArrayList<>();
        for (ExchangeRate r : rates) {
            rows.add(List.of(r.currency(), r.rateDate().toString(), r.rate().stripTrailingZeros()));
        }
        return new RevenueTable("exchange-rates", "revenue.table.exchangeRates",
                List.of("revenue.col.currency", "revenue.col.rateDate", "revenue.col.rate"), rows);
    }

    static BigDecimal money(long minor, String currency) {
        return BigDecimal.valueOf(minor, ExchangeRates.digits(currency));
    }

    static BigDecimal percent(BigDecimal fraction) {
        return fraction == null ? null : fraction.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP);
    }

    /** Where a cell of the waterfall leads: the accounts behind it. */
    static String behind(RevenueParams params, String kind, PeriodFigures p, String groupKey) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/revenue/accounts-behind")
                .queryParam("kind", kind)
                .queryParam("first", p.firstMonth().toString())
                .queryParam("last", p.lastMonth().toString());
        if (groupKey != null && params.groupBy() != null && !params.groupBy().isBlank() && !"none".equals(params.groupBy())) {
            url.queryParam("groupBy", params.groupBy()).queryParam("groupKey", groupKey);
        }
        addFilters(url, params);
        return url.build().encode().toUriString();
    }

    static void addFilters(UriComponentsBuilder url, RevenueParams params) {
        if (params.plan() != null) {
            url.queryParam("plan", params.plan());
        }
        if (params.industry() != null && !params.industry().isBlank()) {
            url.queryParam("industry", params.industry());
        }
        if (params.band() != null && !params.band().isBlank()) {
            url.queryParam("band", params.band());
        }
        if (params.tier() != null && !params.tier().isBlank()) {
            url.queryParam("tier", params.tier());
        }
        if (params.owner() != null) {
            url.queryParam("owner", params.owner());
        }
    }
}
