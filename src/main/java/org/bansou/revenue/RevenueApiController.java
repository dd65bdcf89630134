package org.bansou.revenue;

import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.bansou.revenue.pricing.Campaign;
import org.bansou.revenue.pricing.CampaignTarget;
import org.bansou.revenue.pricing.PriceMigrationCampaigns;
import org.bansou.revenue.pricing.RetiredPriceContract;
import org.bansou.revenue.pricing.RetiredPriceContracts;
import org.bansou.revenue.pricing.RetiredPriceSale;
import org.bansou.revenue.pricing.RetiredPriceSales;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The revenue figures as JSON, the same numbers as the dashboard: {@code /api/v1/revenue/...}. Any role may
 * read; changing settings, rates, campaigns or rebuilding needs a manager.
 */
@RestController
@RequestMapping("/api/v1/revenue")
class RevenueApiController {

    private final RevenueFigures figures;
    private final RevenueCohorts cohorts;
    private final MrrMovements movements;
    private final MrrRebuild rebuild;
    private final RevenueSettings settings;
    private final ExchangeRates rates;
    private final RetiredPriceContracts retired;
    private final RetiredPriceSales sales;
    private final PriceMigrationCampaigns campaigns;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    RevenueApiController(RevenueFigures figures, RevenueCohorts cohorts, MrrMovements movements, MrrRebuild rebuild,
                         RevenueSettings settings, ExchangeRates rates, RetiredPriceContracts retired,
                         RetiredPriceSales sales, PriceMigrationCampaigns campaigns, AccessRules access,
                         AuditLog audit, Clock clock) {
        this.figures = figures;
        this.cohorts = cohorts;
        this.movements = movements;
        this.rebuild = rebuild;
        this.settings = settings;
        this.rates = rates;
        this.retired = retired;
        this.sales = sales;
        this.campaigns = campaigns;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** MRR waterfall, customers, ARPA, churn rates, GRR/NRR (period and T12M) and LTV per period and group. */
    @GetMapping("/report")
    RevenueReport report(@ModelAttribute RevenueParams params) {
        return figures.report(params.query(clock));
    }

    @GetMapping("/cohorts")
    CohortTable cohorts(@ModelAttribute RevenueParams params) {
        return cohorts.retention(params.query(clock));
    }

    /** The accounts behind one bar: {@code kind} movements (or {@code opening}/{@code closing} MRR) in months first..last. */
    @GetMapping("/waterfall/accounts")
    Object accountsBehind(@ModelAttribute RevenueParams params, @RequestParam String kind,
                          @RequestParam(required = false) String first, @RequestParam(required = false) String last,
                          @RequestParam(required = false) String groupKey,
                          @RequestParam(defaultValue = "500") int limit) {
        ReportQuery query = params.query(clock);
        YearMonth firstMonth = first == null ? query.from() : ReportQuery.month("first", first);
        YearMonth lastMonth = last == null ? firstMonth : ReportQuery.month("last", last);
        int rows = Math.min(Math.max(limit, 1), 5000);
        return switch (kind) {
            case "opening" -> movements.payingAt(query, firstMonth.minusMonths(1), groupKey, rows);
            case "closing" -> movements.payingAt(query, lastMonth, groupKey, rows);
            case "new_and_churned" -> movements.newAndChurned(query, firstMonth, lastMonth, rows);
            default -> movements.behind(query, MovementKind.fromCode(kind), firstMonth, lastMonth, groupKey, rows);
        };
    }

    /** The movement log by day between two dates (yyyy-mm-dd), for the accounts of the filter. */
    @GetMapping("/movements")
    List<Movement> movementLog(@ModelAttribute RevenueParams params, @RequestParam String since,
                               @RequestParam String until, @RequestParam(defaultValue = "1000") int limit) {
        return movements.between(day("since", since), day("until", until), params.filter(),
                Math.min(Math.max(limit, 1), 10_000));
    }

    @GetMapping("/accounts/{accountId}/movements")
    List<Movement> accountMovements(@PathVariable long accountId) {
        return movements.forAccount(accountId);
    }

    @GetMapping("/settings")
    RevenueSetting settings() {
        return settings.current();
    }

    @PutMapping("/settings")
    RevenueSetting saveSettings(@RequestBody RevenueSetting wanted) {
        access.require(Role.MANAGER);
        RevenueSetting saved = settings.save(wanted, wanted.version());
        audit.record("update", "revenue_setting", 1, null, Map.of("version", saved.version()));
        return saved;
    }

    @GetMapping("/rates")
    List<ExchangeRate> rates() {
        return rates.all();
    }

    /** Imports rates as CSV ({@code currency,rate_date,rate}); one bad line refuses the file, naming the line. */
    @PostMapping(value = "/rates", consumes = "text/csv")
    Map<String, Integer> importRates(@RequestBody String csv) {
        access.require(Role.MANAGER);
        List<ExchangeRate> parsed = rates.parseCsv(new StringReader(csv), settings.current().reportingCurrency());
        int saved = rates.saveAll(parsed);
        audit.record("import", "exchange_rate", null, null, Map.of("rows", parsed.size()));
        return Map.of("rates", saved);
    }

    /** Rebuilds every account's movements from the subscription history. */
    @PostMapping("/rebuild")
    MrrRebuild.Result rebuild() {
        access.require(Role.MANAGER);
        MrrRebuild.Result result = rebuild.rebuildAll();
        audit.record("rebuild", "mrr", null, null, Map.of("movements", result.movements()));
        return result;
    }

    @GetMapping("/pricing/retired-contracts")
    List<RetiredPriceContract> retiredContracts(@RequestParam(required = false) Long planPriceId) {
        return retired.stillOnRetiredPrices(planPriceId);
    }

    @GetMapping("/pricing/retired-price-sales")
    List<RetiredPriceSale> retiredPriceSales(@RequestParam(defaultValue = "false") boolean all) {
        return sales.flagged(all);
    }

    @PostMapping("/pricing/retired-price-sales/{subscriptionId}/acknowledge")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void acknowledge(@PathVariable long subscriptionId) {
        sales.acknowledge(subscriptionId);
    }

    @GetMapping("/pricing/preview")
    List<CampaignTarget> preview(@RequestParam long fromPlanPriceId, @RequestParam long toPlanPriceId) {
        return campaigns.preview(fromPlanPriceId, toPlanPriceId);
    }

    @GetMapping("/pricing/campaigns")
    List<Campaign> campaigns() {
        return campaigns.all();
    }

    record NewCampaign(String name, Long fromPlanPriceId, Long toPlanPriceId) {
    }

    @PostMapping("/pricing/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    Campaign openCampaign(@RequestBody NewCampaign wanted) {
        return campaigns.open(wanted.name(), wanted.fromPlanPriceId(), wanted.toPlanPriceId());
    }

    record CampaignDetail(Campaign campaign, List<CampaignTarget> targets) {
    }

    @GetMapping("/pricing/campaigns/{id}")
    CampaignDetail campaign(@PathVariable long id) {
        return new CampaignDetail(campaigns.get(id), campaigns.targets(id));
    }

    record Decision(String status, String note, Integer version) {
    }

    @PutMapping("/pricing/campaigns/{id}/targets/{subscriptionId}")
    CampaignDetail decide(@PathVariable long id, @PathVariable long subscriptionId, @RequestBody Decision decision) {
        if (decision.version() == null) {
            throw InvalidRevenueInput.of("version", "is required: the version of the target you read");
        }
        campaigns.decide(id, subscriptionId, decision.status(), decision.note(), decision.version());
        return campaign(id);
    }

    @PostMapping("/pricing/campaigns/{id}/close")
    Campaign close(@PathVariable long id) {
        campaigns.close(id);
        return campaigns.get(id);
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw InvalidRevenueInput.of(field, "'" + text + "' is not a date (yyyy-mm-dd)");
        }
    }
}
