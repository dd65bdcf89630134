package org.bansou.account;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bansou.security.AccessRules;
import org.bansou.security.Actor;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.EditedVersion;
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

import static org.bansou.account.AccountCodePatterns.*;

/** Accounts over JSON: the list, one account, a new account, an edited profile and the stage history. */
@RestController
@RequestMapping(path = "/api/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Accounts", description = "The customer companies a CS team looks after, and their lifecycle stages")
class AccountApi {

    @Schema(description = "A new customer company")
    record NewAccount(
            @Schema(description = "The account's id in the CRM or billing system; usage events name it as groupId",
                    example = "A-1001")
            @NotBlank @Size(max = 100) String externalId,
            @Schema(example = "小林歯科クリニック") @NotBlank @Size(max = 200) String name,
            @Schema(example = "医療") @Size(max = 100) String industry,
            @Pattern(regexp = EMPLOYEE_BAND, message = EMPLOYEE_BAND_MESSAGE) String employeeBand,
            @Pattern(regexp = DECISION_STYLE, message = DECISION_STYLE_MESSAGE) String decisionStyle,
            @Schema(description = "The csm who owns it; a csm creating an account owns it") Long ownerUserId,
            @Schema(description = "Default tech") @Pattern(regexp = TOUCH_TIER, message = TOUCH_TIER_MESSAGE)
            String touchTier,
            @Schema(description = "Default onboarding")
            @Pattern(regexp = LIFECYCLE_STAGE, message = LIFECYCLE_STAGE_MESSAGE) String lifecycleStage) {
    }

    @Schema(description = "The whole editable profile; fields left out are cleared")
    record AccountEdit(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 100) String industry,
            @Pattern(regexp = EMPLOYEE_BAND, message = EMPLOYEE_BAND_MESSAGE) String employeeBand,
            @Pattern(regexp = DECISION_STYLE, message = DECISION_STYLE_MESSAGE) String decisionStyle,
            Long ownerUserId,
            @NotNull @Pattern(regexp = TOUCH_TIER, message = TOUCH_TIER_MESSAGE) String touchTier,
            @Schema(description = "A new stage is appended to the stage history")
            @NotNull @Pattern(regexp = LIFECYCLE_STAGE, message = LIFECYCLE_STAGE_MESSAGE) String lifecycleStage,
            @Schema(description = "The version you read (or send If-Match)") Integer version) {

        AccountProfile profile() {
            return new AccountProfile(name, industry, employeeBand, decisionStyle, ownerUserId, touchTier,
                    lifecycleStage);
        }
    }

    @Schema(description = "An account's path through the lifecycle: every move, and how long each stay lasted")
    record StageHistory(List<StageChanges.StageChange> changes, List<StageStay> timeInStages) {
    }

    @Schema(description = "One stay in a stage; left is empty for the stage the account is in now")
    record StageStay(String stage, Instant entered, Instant left,
                     @Schema(description = "ISO-8601 duration", example = "P12DT3H") String duration,
                     @Schema(description = "Whole days in the stage") long days) {
    }

    private final Accounts accounts;
    private final StageChanges stageChanges;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    AccountApi(Accounts accounts, StageChanges stageChanges, AccessRules access, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.stageChanges = stageChanges;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "One page of accounts, filtered and sorted")
    AccountPage list(@RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                     @RequestParam(required = false)
                     @Pattern(regexp = LIFECYCLE_STAGE, message = LIFECYCLE_STAGE_MESSAGE) String stage,
                     @RequestParam(required = false) @Pattern(regexp = TOUCH_TIER, message = TOUCH_TIER_MESSAGE)
                     String tier,
                     @Parameter(description = "Owner's user id") @RequestParam(required = false) Long owner,
                     @RequestParam(required = false) String industry,
                     @Parameter(description = "Part of the name, or the exact external id")
                     @RequestParam(required = false) String q,
                     @RequestParam(defaultValue = "name")
                     @Pattern(regexp = ACCOUNT_SORT, message = ACCOUNT_SORT_MESSAGE) String sort) {
        return accounts.page(new AccountFilter(stage, tier, owner, industry, q, sort), page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One account; its ETag is its version")
    ResponseEntity<Account> account(@PathVariable long id) {
        Account account = accounts.get(id);
        return ResponseEntity.ok().eTag(EditedVersion.etag(account.version())).body(account);
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Add a customer company",
            description = "A csm may create only accounts it owns; without an owner, the csm becomes the owner.")
    ResponseEntity<Account> create(@Valid @RequestBody NewAccount body) {
        Long owner = body.ownerUserId();
        Actor actor = access.actor();
        if (owner == null && actor.role() == Role.CSM) {
            owner = actor.userId();
        }
        access.requireAccountWrite(owner);
        Account account = accounts.create(body.externalId(), new AccountProfile(body.name(), body.industry(),
                body.employeeBand(), body.decisionStyle(), owner,
                Objects.requireNonNullElse(body.touchTier(), "tech"),
                Objects.requireNonNullElse(body.lifecycleStage(), "onboarding")));
        audit.record("create", "account", account.id(), account.id(),
                Map.of("via", "api", "externalId", account.externalId(), "name", account.name()));
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + account.id()))
                .eTag(EditedVersion.etag(account.version()))
                .body(account);
    }

    @PutMapping("/{id}")
    @Transactional
    @Operation(summary = "Save an edited profile",
            description = "Send the version you read. A csm may edit only its own accounts and may not give one"
                    + " to another owner. A stage change is appended to the stage history.")
    ResponseEntity<Account> update(@PathVariable long id, @Valid @RequestBody AccountEdit body,
                                   @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Account before = accounts.get(id);
        access.requireAccountWrite(before.ownerUserId());
        if (!Objects.equals(before.ownerUserId(), body.ownerUserId())) {
            access.requireAccountWrite(body.ownerUserId());
        }
        Account after = accounts.update(id, EditedVersion.of(body.version(), ifMatch), body.profile());
        audit.record("update", "account", id, id, changes(before, after));
        return ResponseEntity.ok().eTag(EditedVersion.etag(after.version())).body(after);
    }

    @GetMapping("/{id}/stage-history")
    @Operation(summary = "Every stage move of the account and the time spent in each stage")
    StageHistory stageHistory(@PathVariable long id) {
        accounts.get(id);
        List<StageStay> stays = stageChanges.timeInStages(id, Instant.now(clock)).stream()
                .map(stay -> new StageStay(stay.stage(), stay.entered(), stay.left(), stay.duration().toString(),
                        stay.duration().toDays()))
                .toList();
        return new StageHistory(stageChanges.forAccount(id), stays);
    }

    private static Map<String, Object> changes(Account before, Account after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("via", "api");
        changed(changed, "name", before.name(), after.name());
        changed(changed, "industry", before.industry(), after.industry());
        changed(changed, "employeeBand", before.employeeBand(), after.employeeBand());
        changed(changed, "decisionStyle", before.decisionStyle(), after.decisionStyle());
        changed(changed, "ownerUserId", before.ownerUserId(), after.ownerUserId());
        changed(changed, "touchTier", before.touchTier(), after.touchTier());
        changed(changed, "lifecycleStage", before.lifecycleStage(), after.lifecycleStage());
        return changed;
    }

    private static void changed(Map<String, Object> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.put(field, Arrays.asList(before, after));
        }
    }
}
