package org.bansou.subscription;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.bansou.catalog.PlanPrice;
import org.bansou.catalog.PlanPrices;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.web.ApiProblem.FieldProblem;
import org.bansou.web.DatesInOrder;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscriptions over JSON: which account pays for which plan price, and the dated history of what each
 * subscription pays per month, from which the revenue engine builds MRR movements.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Subscriptions", description = "Contracts and the dated history of what they pay")
class SubscriptionApi {

    static final String STATUS = "trial|active|cancelled|ended";
    static final String STATUS_MESSAGE = "must be one of trial, active, cancelled, ended";
    static final String KIND = "start|trial_start|upgrade|downgrade|quantity|discount|price_change|cancel|reactivate";
    static final String KIND_MESSAGE = "must be one of start, trial_start, upgrade, downgrade, quantity, discount,"
            + " price_change, cancel, reactivate";

    // before these the subscription paid nothing; after a cancel or a trial start it pays nothing (DESIGN.md,
    // "MRR movement rules": trials carry 0 MRR)
    private static final Set<String> PAID_NOTHING_BEFORE = Set.of("start", "trial_start", "reactivate");
    private static final Set<String> PAYS_NOTHING_AFTER = Set.of("cancel", "trial_start");

    @Schema(description = "An account put on a plan price")
    @DatesInOrder(earlier = "startedOn", later = "endedOn")
    record NewSubscription(
            @Schema(description = "The contract's id in the billing system; generated when left out")
            @Size(max = 100) String externalId,
            @NotNull Long planPriceId,
            @Schema(description = "Seats", example = "12") @NotNull @Positive Integer quantity,
            @Schema(description = "Default 0") @DecimalMin("0") @DecimalMax("100") BigDecimal discountPercent,
            @Schema(description = "Per billing interval, in minor units; default 0")
            @PositiveOrZero Long discountAmount,
            @NotNull @Pattern(regexp = STATUS, message = STATUS_MESSAGE) String status,
            @NotNull LocalDate startedOn,
            LocalDate endedOn,
            LocalDate renewsOn,
            @Schema(description = "Default true") Boolean autoRenew) {

        SubscriptionTerms terms() {
            return new SubscriptionTerms(planPriceId, quantity, Objects.requireNonNullElse(discountPercent,
                    BigDecimal.ZERO), Objects.requireNonNullElse(discountAmount, 0L), status, startedOn, endedOn,
                    renewsOn, Objects.requireNonNullElse(autoRenew, true));
        }
    }

    @Schema(description = "The whole edited terms; record what the edit changes in pay with POST …/changes")
    @DatesInOrder(earlier = "startedOn", later = "endedOn")
    record SubscriptionEdit(
            @NotNull Long planPriceId,
            @NotNull @Positive Integer quantity,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal discountPercent,
            @NotNull @PositiveOrZero Long discountAmount,
            @NotNull @Pattern(regexp = STATUS, message = STATUS_MESSAGE) String status,
            @NotNull LocalDate startedOn,
            LocalDate endedOn,
            LocalDate renewsOn,
            @NotNull Boolean autoRenew,
            @Schema(description = "The version you read (or send If-Match)") Integer version) {

        SubscriptionTerms terms() {
            return new SubscriptionTerms(planPriceId, quantity, discountPercent, discountAmount, status, startedOn,
                    endedOn, renewsOn, autoRenew);
        }
    }

    @Schema(description = """
            One dated change of what a subscription pays. Left out: the prices default to the subscription's \
            current one (none before a start, trial start or reactivation, none after a cancel), the quantities to \
            its seats, and mrrBefore/mrrAfter are computed from the prices, quantities and the subscription's \
            current discount. A discount change must give mrrBefore and mrrAfter.""")
    record NewSubscriptionChange(
            @Size(max = 100) String externalId,
            @Schema(description = "When it takes effect; a future change is simply dated later")
            @NotNull LocalDate effectiveOn,
            @NotNull @Pattern(regexp = KIND, message = KIND_MESSAGE) String kind,
            Long fromPlanPriceId,
            Long toPlanPriceId,
            @Positive Integer quantityBefore,
            @Positive Integer quantityAfter,
            @Schema(description = "Monthly, in minor units") @PositiveOrZero Long mrrBefore,
            @Schema(description = "Monthly, in minor units") @PositiveOrZero Long mrrAfter,
            @Size(max = 2000) String reason) {
    }

    private final Subscriptions subscriptions;
    private final SubscriptionChanges changes;
    private final PlanPrices prices;
    private final AccessRules access;
    private final AuditLog audit;

    SubscriptionApi(Subscriptions subscriptions, SubscriptionChanges changes, PlanPrices prices,
                    AccessRules access, AuditLog audit) {
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.prices = prices;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/accounts/{accountId}/subscriptions")
    @Operation(summary = "The account's subscriptions, running ones first")
    List<Subscription> forAccount(@PathVariable long accountId) {
        subscriptions.ownerOfAccount(accountId);
        return subscriptions.forAccount(accountId);
    }

    @PostMapping("/accounts/{accountId}/subscriptions")
    @Transactional
    @Operation(summary = "Put the account on a plan price",
            description = "Record what it pays from when with POST /api/v1/subscriptions/{id}/changes.")
    ResponseEntity<Subscription> create(@PathVariable long accountId, @Valid @RequestBody NewSubscription body) {
        access.requireAccountWrite(subscriptions.ownerOfAccount(accountId));
        requirePrice("planPriceId", body.planPriceId());
        Subscription subscription = subscriptions.create(accountId, body.externalId(), body.terms());
        audit.record("create", "subscription", subscription.id(), accountId, Map.of("via", "api",
                "externalId", subscription.externalId(), "planPriceId", subscription.planPriceId(),
                "quantity", subscription.quantity(), "status", subscription.status()));
        return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + subscription.id()))
                .eTag(EditedVersion.etag(subscription.version()))
                .body(subscription);
    }

    @GetMapping("/subscriptions/{id}")
    @Operation(summary = "One subscription; its ETag is its version")
    ResponseEntity<Subscription> subscription(@PathVariable long id) {
        Subscription subscription = subscriptions.get(id);
        return ResponseEntity.ok().eTag(EditedVersion.etag(subscription.version())).body(subscription);
    }

    @PutMapping("/subscriptions/{id}")
    @Transactional
    @Operation(summary = "Save edited terms", description = "Send the version you read.")
    ResponseEntity<Subscription> update(@PathVariable long id, @Valid @RequestBody SubscriptionEdit body,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Subscription before = subscriptions.get(id);
        access.requireAccountWrite(subscriptions.ownerOfAccount(before.accountId()));
        requirePrice("planPriceId", body.planPriceId());
        Subscription after = subscriptions.update(id, EditedVersion.of(body.version(), ifMatch), body.terms());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("via", "api");
        detail.put("planPriceId", List.of(before.planPriceId(), after.planPriceId()));
        detail.put("quantity", List.of(before.quantity(), after.quantity()));
        detail.put("status", List.of(before.status(), after.status()));
        audit.record("update", "subscription", id, after.accountId(), detail);
        return ResponseEntity.ok().eTag(EditedVersion.etag(after.version())).body(after);
    }

    @GetMapping("/subscriptions/{id}/changes")
    @Operation(summary = "The subscription's history, oldest first")
    List<SubscriptionChange> changes(@PathVariable long id) {
        subscriptions.get(id);
        return changes.forSubscription(id);
    }

    @GetMapping("/accounts/{accountId}/subscription-changes")
    @Operation(summary = "The history of every subscription of the account, latest first")
    List<SubscriptionChange> accountChanges(@PathVariable long accountId) {
        subscriptions.ownerOfAccount(accountId);
        return changes.forAccount(accountId);
    }

    @PostMapping("/subscriptions/{id}/changes")
    @Transactional
    @Operation(summary = "Append a dated change of what the subscription pays",
            description = "Appended, never rewritten. mrrBefore and mrrAfter are computed when left out.")
    ResponseEntity<SubscriptionChange> appendChange(@PathVariable long id,
                                                    @Valid @RequestBody NewSubscriptionChange body) {
        Subscription subscription = subscriptions.get(id);
        access.requireAccountWrite(subscriptions.ownerOfAccount(subscription.accountId()));
        SubscriptionChange change = changes.append(priced(subscription, body));
        audit.record("record", "subscription_change", change.id(), change.accountId(), Map.of("via", "api",
                "subscriptionId", id, "kind", change.kind(), "effectiveOn", change.effectiveOn().toString(),
                "mrrBefore", change.mrrBefore(), "mrrAfter", change.mrrAfter()));
        return ResponseEntity.status(HttpStatus.CREATED).body(change);
    }

    private SubscriptionChanges.NewChange priced(Subscription subscription, NewSubscriptionChange body) {
        String kind = body.kind();
        List<FieldProblem> problems = new ArrayList<>();
        if (kind.equals("discount") && body.mrrBefore() == null) {
            problems.add(new FieldProblem("mrrBefore", "is required for a discount change"));
        }
        if (kind.equals("discount") && body.mrrAfter() == null) {
            problems.add(new FieldProblem("mrrAfter", "is required for a discount change"));
        }
        Long fromId = body.fromPlanPriceId() != null ? body.fromPlanPriceId()
                : PAID_NOTHING_BEFORE.contains(kind) ? null : subscription.planPriceId();
        Long toId = body.toPlanPriceId() != null ? body.toPlanPriceId()
                : kind.equals("cancel") ? null : subscription.planPriceId();
        PlanPrice from = priceInCurrency("fromPlanPriceId", fromId, subscription, problems);
        PlanPrice to = priceInCurrency("toPlanPriceId", toId, subscription, problems);
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        Integer quantityBefore = body.quantityBefore() != null ? body.quantityBefore()
                : from == null ? null : subscription.quantity();
        Integer quantityAfter = body.quantityAfter() != null ? body.quantityAfter()
                : to == null ? null : subscription.quantity();
        long mrrBefore = body.mrrBefore() != null ? body.mrrBefore()
                : from == null || PAID_NOTHING_BEFORE.contains(kind) ? 0 : mrr(from, quantityBefore, subscription);
        long mrrAfter = body.mrrAfter() != null ? body.mrrAfter()
                : to == null || PAYS_NOTHING_AFTER.contains(kind) ? 0 : mrr(to, quantityAfter, subscription);
        return new SubscriptionChanges.NewChange(subscription.id(), body.externalId(), body.effectiveOn(), kind,
                fromId, toId, quantityBefore, quantityAfter, subscription.currency(), mrrBefore, mrrAfter,
                body.reason());
    }

    private PlanPrice priceInCurrency(String field, Long priceId, Subscription subscription,
                                      List<FieldProblem> problems) {
        if (priceId == null) {
            return null;
        }
        PlanPrice price = prices.findById(priceId).orElse(null);
        if (price == null) {
            problems.add(new FieldProblem(field, "refers to plan price " + priceId + ", which does not exist"));
        } else if (!price.currency().equals(subscription.currency())) {
            problems.add(new FieldProblem(field, "is priced in " + price.currency() + " but the subscription pays in "
                    + subscription.currency()));
        }
        return price;
    }

    private static long mrr(PlanPrice price, int quantity, Subscription subscription) {
        return Mrr.of(price.amount(), price.months(), quantity, subscription.discountPercent(),
                subscription.discountAmount());
    }

    private void requirePrice(String field, long priceId) {
        if (prices.findById(priceId).isEmpty()) {
            throw new InvalidFieldException(field, "refers to plan price " + priceId + ", which does not exist");
        }
    }
}
