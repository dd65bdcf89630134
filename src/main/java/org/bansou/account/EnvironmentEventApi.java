package org.bansou.account;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.web.DatesInOrder;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.bansou.account.AccountCodePatterns.DETECTED_VIA;
import static org.bansou.account.AccountCodePatterns.DETECTED_VIA_MESSAGE;
import static org.bansou.account.AccountCodePatterns.ENVIRONMENT_KIND;
import static org.bansou.account.AccountCodePatterns.ENVIRONMENT_KIND_MESSAGE;

/**
 * Changes in an account's world over JSON (a key person leaving, a budget cut), with when they happened and
 * when and how CS learned of them: the gap is how late CS was.
 */
@RestController
@RequestMapping(path = "/api/v1/accounts/{accountId}/environment-events", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Environment events", description = "Changes in the customer's world and how late CS learned of them")
class EnvironmentEventApi {

    @Schema(description = "A change in the customer's world")
    @DatesInOrder(earlier = "occurredOn", later = "detectedOn",
            message = "must be on or after occurredOn: CS cannot learn of a change before it happens")
    record NewEnvironmentEvent(
            @NotNull @Pattern(regexp = ENVIRONMENT_KIND, message = ENVIRONMENT_KIND_MESSAGE) String kind,
            @Schema(description = "When it happened at the customer") @NotNull LocalDate occurredOn,
            @Schema(description = "When CS learned of it") @NotNull LocalDate detectedOn,
            @NotNull @Pattern(regexp = DETECTED_VIA, message = DETECTED_VIA_MESSAGE) String detectedVia,
            @Schema(description = "The key person concerned, e.g. the one who left") Long contactId,
            @Size(max = 4000) String note) {
    }

    private final Accounts accounts;
    private final Contacts contacts;
    private final EnvironmentEvents events;
    private final AccessRules access;
    private final AuditLog audit;

    EnvironmentEventApi(Accounts accounts, Contacts contacts, EnvironmentEvents events, AccessRules access,
                        AuditLog audit) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.events = events;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "The account's environment events, latest first")
    List<EnvironmentEvent> list(@PathVariable long accountId) {
        accounts.get(accountId);
        return events.forAccount(accountId);
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Record a change in the customer's world")
    ResponseEntity<EnvironmentEvent> record(@PathVariable long accountId,
                                            @Valid @RequestBody NewEnvironmentEvent body) {
        access.requireAccountWrite(accounts.get(accountId).ownerUserId());
        if (body.contactId() != null && contacts.findById(body.contactId())
                .filter(contact -> contact.accountId() == accountId).isEmpty()) {
            throw new InvalidFieldException("contactId", "is not a key person of account " + accountId);
        }
        EnvironmentEvent event = events.record(accountId, body.kind(), body.occurredOn(), body.detectedOn(),
                body.detectedVia(), body.contactId(), body.note());
        audit.record("record", "environment_event", event.id(), accountId,
                Map.of("via", "api", "kind", event.kind(), "occurredOn", event.occurredOn().toString()));
        return ResponseEntity.status(HttpStatus.CREATED).body(event);
    }
}
