package org.bansou.success;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bansou.account.Accounts;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.web.EditedVersion;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Value per account over JSON: value records, the value formula, costs of ownership, and lagging accounts. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Value", description = "Value realized, promised and expected per account, against its cost")
class ValueApi {

    static final String CURRENCY = "[A-Z]{3}";

    @Schema(description = "A value figure: the customer's monthly value in minor units")
    record NewValueRecord(
            @NotNull @Pattern(regexp = "theoretical|actual|expected",
                    message = "must be one of theoretical, actual, expected") String kind,
            @NotNull @Min(0) Long amount,
            @NotNull @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code such as JPY") String currency,
            @Schema(example = "請求書作成 40 時間/月 × ¥3,000") @NotBlank @Size(max = 2000) String basis,
            @Size(max = 4000) String evidence,
            LocalDate recordedOn) {
    }

    @Schema(description = "How actual value is measured from usage")
    record FormulaEdit(@NotBlank @Size(max = 200) String event,
                       @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal minutesPerEvent,
                       @NotNull @Min(1) Long hourlyCost,
                       @NotNull @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code such as JPY") String currency,
                       @Schema(description = "0 for a first formula, else the version you read") Integer version) {
    }

    @Schema(description = "A cost of ownership besides the subscription")
    record NewCost(@NotNull @Pattern(regexp = "onboarding_effort|running_monthly",
                           message = "must be onboarding_effort or running_monthly") String kind,
                   @NotNull @Min(0) Long amount,
                   @NotNull @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code such as JPY") String currency,
                   @Size(max = 2000) String note,
                   LocalDate recordedOn) {
    }

    @Schema(description = "Lagging accounts; notComparable counts those whose estimate and measurement are in two"
            + " currencies, one without an exchange rate, and so are not compared")
    record FlagPage(List<ValueFlag> flags, int marginPercent, long total, long notComparable, int page, int size) {
    }

    private final Accounts accounts;
    private final ValueRecords values;
    private final ValueFormulas formulas;
    private final OwnershipCosts costs;
    private final AccountValue accountValue;
    private final ValueMeasurement measurement;
    private final KnowledgeSettings settings;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    ValueApi(Accounts accounts, ValueRecords values, ValueFormulas formulas, OwnershipCosts costs,
             AccountValue accountValue, ValueMeasurement measurement, KnowledgeSettings settings, AccessRules access,
             AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.values = values;
        this.formulas = formulas;
        this.costs = costs;
        this.accountValue = accountValue;
        this.measurement = measurement;
        this.settings = settings;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/accounts/{accountId}/value")
    @Operation(summary = "The account's value against its cost of ownership, month by month, and its lag flag",
            description = "All figures in one currency: the one they share, else the reporting currency, or the"
                    + " currency asked for. Figures in a currency without an exchange rate are refused with 400,"
                    + " naming it, rather than mixed in unconverted.")
    AccountValue.Summary value(@PathVariable long accountId,
                               @RequestParam(required = false) String currency) {
        accounts.get(accountId);
        if (currency != null && !currency.matches(CURRENCY)) {
            throw new InvalidFieldException("currency", "must be an ISO 4217 code such as JPY");
        }
        AccountValue.Summary summary = accountValue.of(accountId, currency);
        if (!summary.missingRates().isEmpty()) {
            throw new InvalidFieldException("currency", "cannot compare value in " + summary.currency()
                    + ": no exchange rate for " + String.join(", ", summary.missingRates())
                    + "; import rates (revenue: currency, rate_date, rate) or ask for ?currency= one of them");
        }
        return summary;
    }

    @PostMapping("/accounts/{accountId}/value-records")
    @Transactional
    @Operation(summary = "Append a value figure; earlier figures are kept")
    ResponseEntity<ValueRecord> record(@PathVariable long accountId, @Valid @RequestBody NewValueRecord body) {
        access.requireAccountWrite(accounts.get(accountId).ownerUserId());
        ValueRecord record = values.append(new ValueRecords.NewValue(accountId, body.kind(), body.amount(),
                body.currency(), body.basis(), body.evidence(),
                body.recordedOn() == null ? LocalDate.now(clock) : body.recordedOn(), access.actor().name()));
        audit.record("record", "value_record", record.id(), accountId, Map.of("kind", record.kind(),
                "amount", record.amount()));
        return ResponseEntity.status(HttpStatus.CREATED).body(record);
    }

    @PutMapping("/accounts/{accountId}/value-formula")
    @Transactional
    @Operation(summary = "Set how actual value is measured from usage", description = "Send the version you read.")
    ValueFormula setFormula(@PathVariable long accountId, @Valid @RequestBody FormulaEdit body,
                            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.requireAccountWrite(accounts.get(accountId).ownerUserId());
        ValueFormula formula = formulas.set(accountId, EditedVersion.of(body.version(), ifMatch), body.event(),
                body.minutesPerEvent(), body.hourlyCost(), body.currency(), access.actor().name());
        audit.record("update", "value_formula", accountId, accountId, Map.of("event", formula.event()));
        return formula;
    }

    @PostMapping("/accounts/{accountId}/value-measurements")
    @Transactional
    @Operation(summary = "Measure a month's actual value from usage by the formula (default: last month)")
    ResponseEntity<ValueRecord> measure(@PathVariable long accountId,
                                        @RequestParam(required = false) YearMonth month) {
        access.requireAccountWrite(accounts.get(accountId).ownerUserId());
        YearMonth measured = month == null ? YearMonth.now(clock).minusMonths(1) : month;
        ValueRecord record = measurement.measure(accountId, measured, access.actor().name());
        audit.record("measure", "value_record", record.id(), accountId, Map.of("month", measured.toString()));
        return ResponseEntity.status(HttpStatus.CREATED).body(record);
    }

    @PostMapping("/accounts/{accountId}/ownership-costs")
    @Transactional
    @Operation(summary = "Append a cost of ownership (onboarding effort once, running cost monthly)")
    ResponseEntity<OwnershipCost> cost(@PathVariable long accountId, @Valid @RequestBody NewCost body) {
        access.requireAccountWrite(accounts.get(accountId).ownerUserId());
        OwnershipCost cost = costs.append(accountId, body.kind(), body.amount(), body.currency(), body.note(),
                body.recordedOn() == null ? LocalDate.now(clock) : body.recordedOn(), access.actor().name());
        audit.record("record", "ownership_cost", cost.id(), accountId, Map.of("kind", cost.kind()));
        return ResponseEntity.status(HttpStatus.CREATED).body(cost);
    }

    @GetMapping("/value-flags")
    @Operation(summary = "Accounts whose actual value lags the value estimated at sale by more than the set margin")
    FlagPage flags(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        int margin = settings.current().valueLagMarginPercent();
        int pageSize = Math.max(1, Math.min(size, 500));
        int pageNumber = Math.max(1, page);
        return new FlagPage(values.lagging(margin, pageSize, (long) (pageNumber - 1) * pageSize), margin,
                values.countLagging(margin), values.countNotComparable(), pageNumber, pageSize);
    }
}
