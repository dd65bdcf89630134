package org.bansou.revenue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bansou.account.AccountCodes;
import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.Plans;
import org.bansou.revenue.pricing.PriceMigrationCampaigns;
import org.bansou.revenue.pricing.RetiredPriceContracts;
import org.bansou.revenue.pricing.RetiredPriceSales;
import org.bansou.security.AccessRules;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.subscription.SubscriptionChanges;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The revenue pages under {@code /revenue}: dashboard, drill-downs, movement log, pricing governance, settings. */
@Controller
class RevenueController {

    private final RevenueFigures figures;
    private final RevenueCohorts cohorts;
    private final MrrMovements movements;
    private final MrrRebuild rebuild;
    private final RevenueSettings settings;
    private final ExchangeRates rates;
    private final RetiredPriceContracts retired;
    private final RetiredPriceSales sales;
    private final PriceMigrationCampaigns campaigns;
    private final Plans plans;
    private final PlanPrices prices;
    private final Accounts accounts;
    private final AppUsers users;
    private final SubscriptionChanges changes;
    private final AccessRules access;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    RevenueController(RevenueFigures figures, RevenueCohorts cohorts, MrrMovements movements, MrrRebuild rebuild,
                      RevenueSettings settings, ExchangeRates rates, RetiredPriceContracts retired,
                      RetiredPriceSales sales, PriceMigrationCampaigns campaigns, Plans plans, PlanPrices prices,
                      Accounts accounts, AppUsers users, SubscriptionChanges changes, AccessRules access,
                      AuditLog audit, MessageSource messages, Clock clock) {
        this.figures = figures;
        this.cohorts = cohorts;
        this.movements = movements;
        this.rebuild = rebuild;
        this.settings = settings;
        this.rates = rates;
        this.retired = retired;
        this.sales = sales;
        this.campaigns = campaigns;
        this.plans = plans;
        this.prices = prices;
        this.accounts = accounts;
        this.users = users;
        this.changes = changes;
        this.access = access;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/revenue")
    String dashboard(@ModelAttribute("params") RevenueParams params, Model model, Locale locale) {
        ReportQuery query = params.query(clock);
        RevenueReport report = figures.report(query);
        CohortTable cohortTable = cohorts.retention(query);
        filterChoices(model);
        model.addAttribute("query", query);
        model.addAttribute("report", report);
        model.addAttribute("cohorts", cohortTable);
        model.addAttribute("digits", ExchangeRates.digits(report.currency()));
        model.addAttribute("openFlags", sales.openCount());
        model.addAttribute("exportQuery", exportQuery(params));
        model.addAttribute("tables", List.of(
                shown(RevenueTables.waterfall(report, params), locale),
                shown(RevenueTables.customers(report, params), locale),
                shown(RevenueTables.rates(report), locale),
                shown(RevenueTables.cohorts(cohortTable, false), locale),
                shown(RevenueTables.cohorts(cohortTable, true), locale)));
        model.addAttribute("chartLabels", chartLabels(locale));
        RevenueReport whole = query.groupBy() == Grouping.NONE ? report : figures.report(query.groupedBy(Grouping.NONE));
        // a grouping with nothing in it still draws the (empty) whole
        model.addAttribute("chart", RevenueCharts.of(report.groups().isEmpty() ? whole : report, cohortTable, params));
        List<PeriodFigures> periods = whole.total().periods();
        model.addAttribute("kpis", kpis(periods.get(periods.size() - 1), whole.currency(), locale));
        return "revenue/dashboard";
    }

    @GetMapping("/revenue/accounts-behind")
    String accountsBehind(@ModelAttribute("params") RevenueParams params, @RequestParam String kind,
                          @RequestParam String first, @RequestParam(required = false) String last,
                          @RequestParam(required = false) String groupKey, Model model, Locale locale) {
        RevenueTable table = behindTable(params, kind, first, last, groupKey);
        model.addAttribute("table", shown(table, locale));
        model.addAttribute("heading", message("revenue.kind." + kind, locale) + " · " + first
                + (last == null || last.equals(first) ? "" : " – " + last));
        model.addAttribute("exportPath", "/revenue/export/" + table.name());
        model.addAttribute("exportQuery", "kind=" + kind + "&first=" + first + "&" + (last == null ? "" : "last=" + last + "&")
                + (groupKey == null ? "" : "groupKey=" + groupKey + "&") + exportQuery(params));
        return "revenue/table";
    }

    @GetMapping("/revenue/movements")
    String movementLog(@ModelAttribute("params") RevenueParams params, @RequestParam(required = false) String since,
                       @RequestParam(required = false) String until, Model model, Locale locale) {
        LocalDate to = until == null || until.isBlank() ? LocalDate.now(clock) : day("until", until);
        LocalDate from = since == null || since.isBlank() ? to.minusDays(30) : day("since", since);
        RevenueTable table = RevenueTables.movements(movements.between(from, to, params.filter(), 2000),
                settings.current().reportingCurrency());
        model.addAttribute("table", shown(table, locale));
        model.addAttribute("heading", from + " – " + to);
        model.addAttribute("since", from);
        model.addAttribute("until", to);
        model.addAttribute("exportPath", "/revenue/export/movements");
        model.addAttribute("exportQuery", "since=" + from + "&until=" + to + "&" + exportQuery(params));
        return "revenue/table";
    }

    @GetMapping("/revenue/accounts/{accountId}")
    String accountMovements(@PathVariable long accountId, Model model, Locale locale) {
        var account = accounts.get(accountId);
        RevenueTable table = RevenueTables.movements(movements.forAccount(accountId), settings.current().reportingCurrency());
        model.addAttribute("table", shown(table, locale));
        model.addAttribute("heading", account.name());
        model.addAttribute("account", account);
        model.addAttribute("changes", changes.forAccount(accountId));
        model.addAttribute("exportPath", "/revenue/export/account-movements");
        model.addAttribute("exportQuery", "accountId=" + accountId);
        return "revenue/table";
    }

    @GetMapping("/revenue/pricing")
    String pricing(@RequestParam(required = false) Long fromPlanPriceId, @RequestParam(required = false) Long toPlanPriceId,
                   Model model, Locale locale) {
        model.addAttribute("retired", shown(RevenueTables.retiredContracts(retired.stillOnRetiredPrices()), locale));
        model.addAttribute("flags", sales.flagged(false));
        model.addAttribute("flagTable", shown(RevenueTables.retiredPriceSales(sales.flagged(true)), locale));
        model.addAttribute("campaigns", shown(RevenueTables.campaigns(campaigns.all()), locale));
        model.addAttribute("prices", prices.all());
        model.addAttribute("fromPlanPriceId", fromPlanPriceId);
        model.addAttribute("toPlanPriceId", toPlanPriceId);
        if (fromPlanPriceId != null && toPlanPriceId != null) {
            var preview = campaigns.preview(fromPlanPriceId, toPlanPriceId);
            model.addAttribute("preview", shown(RevenueTables.campaignTargets(preview), locale));
            model.addAttribute("previewChange", preview.stream().mapToLong(t -> t.mrrChange()).sum());
        }
        return "revenue/pricing";
    }

    @PostMapping("/revenue/pricing/campaigns")
    String openCampaign(@RequestParam String name, @RequestParam(required = false) Long fromPlanPriceId,
                        @RequestParam(required = false) Long toPlanPriceId) {
        long id = campaigns.open(name, fromPlanPriceId, toPlanPriceId).id();
        return "redirect:/revenue/pricing/campaigns/" + id;
    }

    @GetMapping("/revenue/pricing/campaigns/{id}")
    String campaign(@PathVariable long id, Model model, Locale locale) {
        model.addAttribute("campaign", campaigns.get(id));
        model.addAttribute("targets", campaigns.targets(id));
        model.addAttribute("targetTable", shown(RevenueTables.campaignTargets(campaigns.targets(id)), locale));
        return "revenue/campaign";
    }

    @PostMapping("/revenue/pricing/campaigns/{id}/targets/{subscriptionId}")
    String decide(@PathVariable long id, @PathVariable long subscriptionId, @RequestParam String status,
                  @RequestParam(required = false) String note, @RequestParam int version) {
        campaigns.decide(id, subscriptionId, status, note, version);
        return "redirect:/revenue/pricing/campaigns/" + id;
    }

    @PostMapping("/revenue/pricing/campaigns/{id}/close")
    String closeCampaign(@PathVariable long id) {
        campaigns.close(id);
        return "redirect:/revenue/pricing/campaigns/" + id;
    }

    @PostMapping("/revenue/pricing/flags/{subscriptionId}/acknowledge")
    String acknowledge(@PathVariable long subscriptionId) {
        sales.acknowledge(subscriptionId);
        return "redirect:/revenue/pricing";
    }

    @GetMapping("/revenue/settings")
    String settingsPage(Model model, Locale locale) {
        model.addAttribute("setting", settings.current());
        model.addAttribute("rates", shown(RevenueTables.exchangeRates(rates.all()), locale));
        model.addAttribute("stale", rebuild.staleAccounts());
        return "revenue/settings";
    }

    @PostMapping("/revenue/settings")
    String saveSettings(@RequestParam String reportingCurrency, @RequestParam String churnDated,
                        @RequestParam(required = false) String reactivationWindowMonths,
                        @RequestParam String grossMarginPercent, @RequestParam int version,
                        RedirectAttributes redirect) {
        access.require(Role.MANAGER);
        Integer window;
        BigDecimal margin;
        try {
            window = reactivationWindowMonths == null || reactivationWindowMonths.isBlank() ? null
                    : Integer.valueOf(reactivationWindowMonths.trim());
        } catch (NumberFormatException e) {
            throw InvalidRevenueInput.of("reactivationWindowMonths", "'" + reactivationWindowMonths + "' is not a number of months");
        }
        try {
            margin = new BigDecimal(grossMarginPercent.trim());
        } catch (NumberFormatException e) {
            throw InvalidRevenueInput.of("grossMarginPercent", "'" + grossMarginPercent + "' is not a number");
        }
        settings.save(new RevenueSetting(reportingCurrency.trim().toUpperCase(Locale.ROOT), churnDated, window, margin,
                version), version);
        audit.record("update", "revenue_setting", 1, null, Map.of("version", version + 1));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/revenue/settings";
    }

    @PostMapping("/revenue/rates")
    String importRates(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        access.require(Role.MANAGER);
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            List<ExchangeRate> parsed = rates.parseCsv(reader, settings.current().reportingCurrency());
            rates.saveAll(parsed);
            audit.record("import", "exchange_rate", null, null, Map.of("rows", parsed.size()));
            redirect.addFlashAttribute("imported", parsed.size());
        }
        return "redirect:/revenue/settings";
    }

    @PostMapping("/revenue/rebuild")
    String rebuildAll(RedirectAttributes redirect) {
        access.require(Role.MANAGER);
        MrrRebuild.Result result = rebuild.rebuildAll();
        audit.record("rebuild", "mrr", null, null, Map.of("movements", result.movements()));
        redirect.addFlashAttribute("rebuilt", result.movements());
        return "redirect:/revenue/settings";
    }

    /** Every table of the pages as CSV or XLSX, with the same parameters as the page it is on. */
    @GetMapping("/revenue/export/{table}")
    ResponseEntity<byte[]> export(@PathVariable String table, @ModelAttribute RevenueParams params,
                                  @RequestParam(defaultValue = "csv") String format,
                                  @RequestParam(required = false) String kind,
                                  @RequestParam(required = false) String first,
                                  @RequestParam(required = false) String last,
                                  @RequestParam(required = false) String groupKey,
                                  @RequestParam(required = false) String since,
                                  @RequestParam(required = false) String until,
                                  @RequestParam(required = false) Long accountId,
                                  @RequestParam(required = false) Long campaignId,
                                  Locale locale) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw InvalidRevenueInput.of("format", "'" + format + "' is not csv or xlsx");
        }
        String currency = settings.current().reportingCurrency();
        RevenueTable chosen = switch (table) {
            case "waterfall" -> RevenueTables.waterfall(figures.report(params.query(clock)), params);
            case "customers" -> RevenueTables.customers(figures.report(params.query(clock)), params);
            case "rates" -> RevenueTables.rates(figures.report(params.query(clock)));
            case "cohorts-logos" -> RevenueTables.cohorts(cohorts.retention(params.query(clock)), false);
            case "cohorts-mrr" -> RevenueTables.cohorts(cohorts.retention(params.query(clock)), true);
            case "accounts-behind", "accounts-paying" -> {
                if (kind == null || first == null) {
                    throw InvalidRevenueInput.of(kind == null ? "kind" : "first", "is required");
                }
                yield behindTable(params, kind, first, last, groupKey);
            }
            case "movements" -> {
                LocalDate to = until == null ? LocalDate.now(clock) : day("until", until);
                LocalDate from = since == null ? to.minusDays(30) : day("since", since);
                yield RevenueTables.movements(movements.between(from, to, params.filter(), 100_000), currency);
            }
            case "account-movements" -> {
                if (accountId == null) {
                    throw InvalidRevenueInput.of("accountId", "is required");
                }
                yield RevenueTables.movements(movements.forAccount(accountId), currency);
            }
            case "retired-contracts" -> RevenueTables.retiredContracts(retired.stillOnRetiredPrices());
            case "retired-price-sales" -> RevenueTables.retiredPriceSales(sales.flagged(true));
            case "campaigns" -> RevenueTables.campaigns(campaigns.all());
            case "campaign-targets" -> {
                if (campaignId == null) {
                    throw InvalidRevenueInput.of("campaignId", "is required");
                }
                yield RevenueTables.campaignTargets(campaigns.targets(campaignId));
            }
            case "exchange-rates" -> RevenueTables.exchangeRates(rates.all());
            default -> throw InvalidRevenueInput.of("table", "'" + table + "' is not a revenue table");
        };
        ShownTable shown = shown(chosen, locale);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : chosen.rows()) {
            rows.add(row.stream().map(v -> v instanceof String s && s.startsWith("revenue.") ? (Object) message(s, locale) : v).toList());
        }
        byte[] body = format.equals("csv") ? RevenueExports.csv(shown.headers(), rows)
                : RevenueExports.xlsx(chosen.name(), shown.headers(), rows);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(chosen.name() + "." + format, StandardCharsets.UTF_8).build().toString())
                .contentType(format.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(body);
    }

    private RevenueTable behindTable(RevenueParams params, String kind, String first, String last, String groupKey) {
        ReportQuery query = params.query(clock);
        YearMonth firstMonth = ReportQuery.month("first", first);
        YearMonth lastMonth = last == null || last.isBlank() ? firstMonth : ReportQuery.month("last", last);
        String currency = settings.current().reportingCurrency();
        return switch (kind) {
            case "opening" -> RevenueTables.accountsPaying(movements.payingAt(query, firstMonth.minusMonths(1), groupKey, 5000));
            case "closing" -> RevenueTables.accountsPaying(movements.payingAt(query, lastMonth, groupKey, 5000));
            case "new_and_churned" -> RevenueTables.accountsBehind(movements.newAndChurned(query, firstMonth, lastMonth, 5000), currency);
            default -> RevenueTables.accountsBehind(
                    movements.behind(query, MovementKind.fromCode(kind), firstMonth, lastMonth, groupKey, 5000), currency);
        };
    }

    private ShownTable shown(RevenueTable table, Locale locale) {
        List<String> headers = table.columnKeys().stream().map(key -> {
            int colon = key.indexOf(':');
            return colon < 0 ? message(key, locale) : messages.getMessage(key.substring(0, colon),
                    new Object[] {key.substring(colon + 1)}, key, locale);
        }).toList();
        java.text.NumberFormat numbers = java.text.NumberFormat.getNumberInstance(locale);
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<String> shownRow = new ArrayList<>();
            for (Object v : row) {
                if (v == null) {
                    shownRow.add("—");
                } else if (v instanceof String s && s.startsWith("revenue.")) {
                    shownRow.add(message(s, locale));
                } else if (v instanceof BigDecimal d) {
                    numbers.setMinimumFractionDigits(Math.max(0, d.scale()));
                    numbers.setMaximumFractionDigits(Math.max(0, d.scale()));
                    shownRow.add(numbers.format(d));
                } else if (v instanceof Number n) {
                    numbers.setMinimumFractionDigits(0);
                    numbers.setMaximumFractionDigits(0);
                    shownRow.add(numbers.format(n));
                } else {
                    shownRow.add(v.toString());
                }
            }
            cells.add(shownRow);
        }
        return new ShownTable(table.name(), message(table.titleKey(), locale), headers, cells, table);
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** The headline figures of the last period, formatted for the reader. */
    private Map<String, String> kpis(PeriodFigures last, String currency, Locale locale) {
        java.text.NumberFormat money = java.text.NumberFormat.getNumberInstance(locale);
        money.setMaximumFractionDigits(ExchangeRates.digits(currency));
        java.util.function.Function<Long, String> amount = minor -> minor == null ? "—"
                : money.format(RevenueTables.money(minor, currency)) + " " + currency;
        java.util.function.Function<BigDecimal, String> rate = fraction -> fraction == null ? "—"
                : RevenueTables.percent(fraction).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " %";
        Map<String, String> kpis = new LinkedHashMap<>();
        kpis.put("mrr", amount.apply(last.closingMrr()));
        kpis.put("customers", java.text.NumberFormat.getIntegerInstance(locale).format(last.closingCustomers()));
        kpis.put("arpa", amount.apply(last.arpa()));
        kpis.put("nrrT12m", rate.apply(last.nrrT12m()));
        kpis.put("grrT12m", rate.apply(last.grrT12m()));
        kpis.put("logoChurn", rate.apply(last.logoChurnRate()));
        kpis.put("ltv", amount.apply(last.ltv()));
        return kpis;
    }

    private Map<String, String> chartLabels(Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : List.of("opening", "closing", "fx", "mrr", "grr", "nrr", "grrT12m", "nrrT12m", "net",
                "logos", "cohortMrr")) {
            labels.put(key, message("revenue.chart." + key, locale));
        }
        for (MovementKind kind : MovementKind.values()) {
            labels.put(kind.code(), message("revenue.kind." + kind.code(), locale));
        }
        return labels;
    }

    private void filterChoices(Model model) {
        model.addAttribute("plans", plans.all());
        model.addAttribute("industries", accounts.industries());
        model.addAttribute("bands", AccountCodes.EMPLOYEE_BANDS);
        model.addAttribute("tiers", AccountCodes.TOUCH_TIERS);
        model.addAttribute("owners", users.accountOwners());
        model.addAttribute("groupings", Grouping.values());
    }

    private static String exportQuery(RevenueParams params) {
        var url = org.springframework.web.util.UriComponentsBuilder.newInstance();
        if (params.from() != null) {
            url.queryParam("from", params.from());
        }
        if (params.to() != null) {
            url.queryParam("to", params.to());
        }
        if (params.period() != null) {
            url.queryParam("period", params.period());
        }
        if (params.groupBy() != null) {
            url.queryParam("groupBy", params.groupBy());
        }
        RevenueTables.addFilters(url, params);
        String query = url.build().encode().getQuery();
        return query == null ? "" : query;
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidRevenueInput.of(field, "'" + text + "' is not a date (yyyy-mm-dd)");
        }
    }
}
