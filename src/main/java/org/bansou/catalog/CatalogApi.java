package org.bansou.catalog;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.bansou.database.NotFoundException;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.EditedVersion;
import org.bansou.web.InvalidFieldException;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * The plan catalog over JSON. A price is never rewritten: a new price is a new version, and the one it replaces
 * is retired by date, so contracts signed at the old price stay on it until they move.
 */
@RestController
@RequestMapping(path = "/api/v1/plans", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Plan catalog", description = "Plans and their price versions; changing the catalog needs a manager")
class CatalogApi {

    @Schema(description = "A plan with every version of its price")
    record PlanWithPrices(long id, String externalId, String name, boolean isFree, LocalDate retiredOn, int version,
                          Instant createdAt, List<PlanPrice> prices) {

        static PlanWithPrices of(Plan plan, List<PlanPrice> prices) {
            return new PlanWithPrices(plan.id(), plan.externalId(), plan.name(), plan.isFree(), plan.retiredOn(),
                    plan.version(), plan.createdAt(), prices);
        }
    }

    @Schema(description = "A new plan; add its prices with POST /api/v1/plans/{id}/prices")
    record NewPlan(@Schema(example = "standard") @NotBlank @Size(max = 100) String externalId,
                   @Schema(example = "Standard") @NotBlank @Size(max = 200) String name,
                   @Schema(description = "Free plans carry no MRR") boolean isFree) {
    }

    @Schema(description = "A renamed plan, or one no longer offered from retiredOn")
    record PlanEdit(@NotBlank @Size(max = 200) String name,
                    boolean isFree,
                    LocalDate retiredOn,
                    @Schema(description = "The version you read (or send If-Match)") Integer version) {
    }

    @Schema(description = "The next price version; the current one for the same interval and currency is retired"
            + " on validFrom")
    record NewPriceVersion(
            @Schema(description = "Generated from the plan, interval, currency and version when left out")
            @Size(max = 100) String externalId,
            @Schema(example = "JPY")
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code like JPY") String currency,
            @Schema(description = "Per seat, in minor units of the currency (JPY has none)", example = "30000")
            @NotNull @PositiveOrZero Long amount,
            @NotNull @Pattern(regexp = "month|year", message = "must be one of month, year") String billingInterval,
            @Schema(description = "Default 1") @Min(1) Integer intervalCount,
            @Schema(description = "First day new contracts get this price") @NotNull LocalDate validFrom) {
    }

    @Schema(description = "The first day a price is no longer offered to new contracts")
    record PriceRetirement(@NotNull LocalDate retiredOn,
                           @Schema(description = "The version you read (or send If-Match)") Integer version) {
    }

    private final Plans plans;
    private final PlanPrices prices;
    private final AccessRules access;
    private final AuditLog audit;

    CatalogApi(Plans plans, PlanPrices prices, AccessRules access, AuditLog audit) {
        this.plans = plans;
        this.prices = prices;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Every plan with its price versions")
    List<PlanWithPrices> list() {
        Map<Long, List<PlanPrice>> byPlan = prices.all().stream()
                .collect(Collectors.groupingBy(PlanPrice::planId, Collectors.toCollection(ArrayList::new)));
        return plans.all().stream()
                .map(plan -> PlanWithPrices.of(plan, byPlan.getOrDefault(plan.id(), new ArrayList<>())))
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One plan with every version of its price; its ETag is the plan's version")
    ResponseEntity<PlanWithPrices> plan(@PathVariable long id) {
        Plan plan = plans.get(id);
        return ResponseEntity.ok().eTag(EditedVersion.etag(plan.version()))
                .body(PlanWithPrices.of(plan, prices.forPlan(id)));
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Add a plan (manager)")
    ResponseEntity<PlanWithPrices> create(@Valid @RequestBody NewPlan body) {
        access.require(Role.MANAGER);
        Plan plan = plans.create(body.externalId(), body.name(), body.isFree());
        audit.record("create", "plan", plan.id(), null,
                Map.of("via", "api", "externalId", plan.externalId(), "name", plan.name()));
        return ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id()))
                .eTag(EditedVersion.etag(plan.version()))
                .body(PlanWithPrices.of(plan, List.of()));
    }

    @PutMapping("/{id}")
    @Transactional
    @Operation(summary = "Rename a plan or stop offering it (manager)", description = "Send the version you read.")
    ResponseEntity<PlanWithPrices> update(@PathVariable long id, @Valid @RequestBody PlanEdit body,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(Role.MANAGER);
        Plan before = plans.get(id);
        Plan after = plans.update(id, EditedVersion.of(body.version(), ifMatch), body.name(), body.isFree(),
                body.retiredOn());
        audit.record("update", "plan", id, null, Map.of("via", "api", "name", List.of(before.name(), after.name())));
        return ResponseEntity.ok().eTag(EditedVersion.etag(after.version()))
                .body(PlanWithPrices.of(after, prices.forPlan(id)));
    }

    @PostMapping("/{id}/prices")
    @Transactional
    @Operation(summary = "Add the next price version (manager)",
            description = "The price it replaces (same interval and currency) keeps its row and amount and is"
                    + " retired on validFrom; contracts on it stay on it until they move.")
    ResponseEntity<PlanPrice> addPriceVersion(@PathVariable long id, @Valid @RequestBody NewPriceVersion body) {
        access.require(Role.MANAGER);
        plans.get(id);
        prices.forPlan(id).stream()
                .filter(price -> price.billingInterval().equals(body.billingInterval())
                        && price.currency().equals(body.currency())
                        && !price.validFrom().isBefore(body.validFrom()))
                .findFirst()
                .ifPresent(later -> {
                    throw new InvalidFieldException("validFrom", "must be after " + later.validFrom()
                            + ", when version " + later.priceVersion() + " of this price starts");
                });
        PlanPrice added = prices.addVersion(id, new PlanPrices.NewPrice(body.externalId(), body.currency(),
                body.amount(), body.billingInterval(), body.intervalCount() == null ? 1 : body.intervalCount(),
                body.validFrom()));
        audit.record("add price version", "plan_price", added.id(), null, Map.of("via", "api",
                "plan", added.planExternalId(), "priceVersion", added.priceVersion(), "currency", added.currency(),
                "amount", added.amount(), "billingInterval", added.billingInterval(),
                "validFrom", added.validFrom().toString()));
        return ResponseEntity.created(URI.create("/api/v1/plans/" + id + "/prices/" + added.id())).body(added);
    }

    @GetMapping("/{id}/prices/{priceId}")
    @Operation(summary = "One price version; its ETag is its version")
    ResponseEntity<PlanPrice> price(@PathVariable long id, @PathVariable long priceId) {
        PlanPrice price = priceOf(id, priceId);
        return ResponseEntity.ok().eTag(EditedVersion.etag(price.version())).body(price);
    }

    @PostMapping("/{id}/prices/{priceId}/retirement")
    @Transactional
    @Operation(summary = "Stop offering a price to new contracts from a date (manager)",
            description = "Only retiredOn changes: the amount stays, and so do the contracts on it.")
    ResponseEntity<PlanPrice> retirePrice(@PathVariable long id, @PathVariable long priceId,
                                          @Valid @RequestBody PriceRetirement body,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(Role.MANAGER);
        PlanPrice before = priceOf(id, priceId);
        if (body.retiredOn().isBefore(before.validFrom())) {
            throw new InvalidFieldException("retiredOn", "must be on or after " + before.validFrom()
                    + ", when this price starts");
        }
        PlanPrice after = prices.retire(priceId, EditedVersion.of(body.version(), ifMatch), body.retiredOn());
        audit.record("retire", "plan_price", priceId, null,
                Map.of("via", "api", "retiredOn", after.retiredOn().toString()));
        return ResponseEntity.ok().eTag(EditedVersion.etag(after.version())).body(after);
    }

    private PlanPrice priceOf(long planId, long priceId) {
        plans.get(planId);
        PlanPrice price = prices.get(priceId);
        if (price.planId() != planId) {
            throw new NotFoundException("plan price", priceId + " of plan " + planId);
        }
        return price;
    }
}
