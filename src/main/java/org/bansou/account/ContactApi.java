package org.bansou.account;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bansou.database.NotFoundException;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
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
import org.springframework.web.bind.annotation.RestController;

import static org.bansou.account.AccountCodePatterns.CHANNEL;
import static org.bansou.account.AccountCodePatterns.CHANNEL_MESSAGE;

/** An account's key persons over JSON: who decides, who champions us, how they like to be reached. */
@RestController
@RequestMapping(path = "/api/v1/accounts/{accountId}/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Key persons", description = "The contacts at a customer who decide, champion or use")
class ContactApi {

    @Schema(description = "A key person at the customer")
    record NewContact(
            @Schema(description = "The person's id in the CRM; generated when left out") @Size(max = 100)
            String externalId,
            @Schema(example = "小林 健") @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Schema(example = "院長") @Size(max = 200) String role,
            boolean isChampion,
            boolean isDecisionMaker,
            @Schema(description = "What they are like to work with") @Size(max = 2000) String characterNote,
            @Pattern(regexp = CHANNEL, message = CHANNEL_MESSAGE) String preferredChannel,
            @Schema(description = "The day they left the company") LocalDate leftOn) {
    }

    @Schema(description = "The whole edited key person; fields left out are cleared")
    record ContactEdit(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Size(max = 200) String role,
            boolean isChampion,
            boolean isDecisionMaker,
            @Size(max = 2000) String characterNote,
            @Pattern(regexp = CHANNEL, message = CHANNEL_MESSAGE) String preferredChannel,
            LocalDate leftOn,
            @Schema(description = "The version you read (or send If-Match)") Integer version) {
    }

    private final Accounts accounts;
    private final Contacts contacts;
    private final AccessRules access;
    private final AuditLog audit;

    ContactApi(Accounts accounts, Contacts contacts, AccessRules access, AuditLog audit) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "The account's key persons, those still there first")
    List<Contact> list(@PathVariable long accountId) {
        accounts.get(accountId);
        return contacts.forAccount(accountId);
    }

    @GetMapping("/{contactId}")
    @Operation(summary = "One key person; its ETag is its version")
    ResponseEntity<Contact> contact(@PathVariable long accountId, @PathVariable long contactId) {
        Contact contact = ofAccount(accountId, contactId);
        return ResponseEntity.ok().eTag(EditedVersion.etag(contact.version())).body(contact);
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Add a key person")
    ResponseEntity<Contact> create(@PathVariable long accountId, @Valid @RequestBody NewContact body) {
        access.requireAccountWrite(accounts.get(accountId).ownerUserId());
        Contact contact = contacts.create(accountId, new ContactRow(body.externalId(), null, body.name(),
                body.email(), body.role(), body.isChampion(), body.isDecisionMaker(), body.characterNote(),
                body.preferredChannel(), body.leftOn()));
        audit.record("create", "contact", contact.id(), accountId, Map.of("via", "api", "name", contact.name()));
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountId + "/contacts/" + contact.id()))
                .eTag(EditedVersion.etag(contact.version()))
                .body(contact);
    }

    @PutMapping("/{contactId}")
    @Transactional
    @Operation(summary = "Save an edited key person", description = "Send the version you read.")
    ResponseEntity<Contact> update(@PathVariable long accountId, @PathVariable long contactId,
                                   @Valid @RequestBody ContactEdit body,
                                   @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.requireAccountWrite(accounts.get(accountId).ownerUserId());
        Contact before = ofAccount(accountId, contactId);
        Contact after = contacts.update(contactId, EditedVersion.of(body.version(), ifMatch),
                new ContactRow(before.externalId(), null, body.name(), body.email(), body.role(), body.isChampion(),
                        body.isDecisionMaker(), body.characterNote(), body.preferredChannel(), body.leftOn()));
        audit.record("update", "contact", contactId, accountId, Map.of("via", "api", "name", after.name()));
        return ResponseEntity.ok().eTag(EditedVersion.etag(after.version())).body(after);
    }

    private Contact ofAccount(long accountId, long contactId) {
        accounts.get(accountId);
        Contact contact = contacts.get(contactId);
        if (contact.accountId() != accountId) {
            throw new NotFoundException("contact", contactId + " of account " + accountId);
        }
        return contact;
    }
}
