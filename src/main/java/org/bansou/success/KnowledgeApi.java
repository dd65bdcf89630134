package org.bansou.success;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.bansou.account.Contacts;
import org.bansou.account.Accounts;
import org.bansou.account.DetectionLag;
import org.bansou.account.EnvironmentEvents;
import org.bansou.account.RoleHeld;
import org.bansou.importing.ImportError;
import org.bansou.importing.ImportFile;
import org.bansou.importing.ImportOutcome;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.EditedVersion;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The knowledge search, a CSM's alerts, how late changes are detected, role history and settings over JSON. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Knowledge", description = "Search, alerts, detection lag of changes, key persons' role history")
class KnowledgeApi {

    record SettingEdit(@NotNull @Min(0) @Max(100) Integer valueLagMarginPercent,
                       @NotNull @Pattern(regexp = ValueApi.CURRENCY, message = "must be an ISO 4217 code such as JPY")
                       String rankingCurrency,
                       @Min(0) @Max(3650) Integer alertWindowDays, Integer version) {
    }

    record Alerts(long newCount, List<KnowledgeAlert> alerts) {
    }

    record Imported(int imported) {
    }

    record Rejected(String message, List<ImportError> errors) {
    }

    private final KnowledgeSearch search;
    private final KnowledgeAlerts alerts;
    private final EnvironmentEvents events;
    private final Contacts contacts;
    private final Accounts accounts;
    private final KnowledgeSettings settings;
    private final EnvironmentEventImport imports;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    KnowledgeApi(KnowledgeSearch search, KnowledgeAlerts alerts, EnvironmentEvents events, Contacts contacts,
                 Accounts accounts, KnowledgeSettings settings, EnvironmentEventImport imports, AccessRules access,
                 AuditLog audit, Clock clock) {
        this.search = search;
        this.alerts = alerts;
        this.events = events;
        this.contacts = contacts;
        this.accounts = accounts;
        this.settings = settings;
        this.imports = imports;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/search")
    @Operation(summary = "Accounts, key persons, success stories and feedback containing q (2 characters or more)")
    KnowledgeSearch.Found search(@RequestParam String q) {
        return search.search(q, 20);
    }

    @GetMapping("/alerts")
    @Operation(summary = "Your alerts, latest first, those new since you last looked marked")
    Alerts myAlerts() {
        long me = signedInUser();
        return new Alerts(alerts.countNew(me), alerts.forUser(me, 100));
    }

    @PostMapping("/alerts/looked")
    @Operation(summary = "Mark your alerts as seen")
    void looked() {
        alerts.looked(signedInUser());
    }

    @GetMapping("/detection-lags")
    @Operation(summary = "Days from a change occurring to CS detecting it, per kind and per channel")
    List<DetectionLag> lags(@RequestParam(required = false) LocalDate from,
                            @RequestParam(required = false) LocalDate to) {
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        LocalDate since = from == null ? until.minusYears(1) : from;
        if (since.isAfter(until)) {
            throw new InvalidFieldException("from", "must be on or before to");
        }
        return events.detectionLags(since, until);
    }

    @GetMapping("/detection-lags/by-kind-and-channel")
    @Operation(summary = "Days from a change occurring to CS detecting it, per kind and channel together")
    List<EnvironmentEvents.KindChannelLag> lagsByKindAndChannel(@RequestParam(required = false) LocalDate from,
                                                                @RequestParam(required = false) LocalDate to) {
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        LocalDate since = from == null ? until.minusYears(1) : from;
        if (since.isAfter(until)) {
            throw new InvalidFieldException("from", "must be on or before to");
        }
        return events.detectionLagsByKindAndChannel(since, until);
    }

    @PostMapping(path = "/environment-event-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import changes in customers' worlds from CSV or XLSX, all or nothing",
            description = "Columns: account, kind, occurred_on, detected_on, detected_via, contact, note. Owners of"
                    + " the accounts are alerted of changes detected within the alert window.")
    ResponseEntity<Object> importUpload(@RequestParam(name = "file", required = false) MultipartFile file) {
        if (file == null) {
            return ResponseEntity.badRequest().body(new Rejected("send the file in the multipart field \"file\"",
                    List.of()));
        }
        return answer(imports.importFile(ImportFile.of(file.getOriginalFilename(), file::getInputStream),
                Locale.ENGLISH));
    }

    @PostMapping(path = "/environment-event-imports", consumes = {"text/csv", MediaType.APPLICATION_OCTET_STREAM_VALUE,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    ResponseEntity<Object> importBody(@RequestBody(required = false) byte[] body) {
        return answer(imports.importFile(ImportFile.of("environment-events", body == null ? new byte[0] : body),
                Locale.ENGLISH));
    }

    private static ResponseEntity<Object> answer(ImportOutcome outcome) {
        if (outcome.imported()) {
            return ResponseEntity.ok(new Imported(outcome.inserted()));
        }
        return ResponseEntity.badRequest().body(new Rejected("nothing was imported: " + outcome.errors().size()
                + " problem(s) in the file; fix them all and send it again", outcome.errors()));
    }

    @GetMapping("/accounts/{accountId}/roles-held")
    @Operation(summary = "Who held which role at the customer when")
    List<RoleHeld> rolesHeld(@PathVariable long accountId) {
        accounts.get(accountId);
        return contacts.rolesHeld(accountId);
    }

    @GetMapping("/knowledge-settings")
    KnowledgeSetting setting() {
        return settings.current();
    }

    @PutMapping("/knowledge-settings")
    @Operation(summary = "Set the value lag margin, ranking currency and alert window",
            description = "Needs the manager role; send the version you read, a stale one gets 409.")
    KnowledgeSetting saveSetting(@Valid @RequestBody SettingEdit body,
                                 @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(Role.MANAGER);
        int window = body.alertWindowDays() == null ? settings.current().alertWindowDays() : body.alertWindowDays();
        KnowledgeSetting saved = settings.save(EditedVersion.of(body.version(), ifMatch), body.valueLagMarginPercent(),
                body.rankingCurrency(), window, access.actor().name());
        audit.record("update", "knowledge_setting", 1, null, Map.of("margin", saved.valueLagMarginPercent()));
        return saved;
    }

    private long signedInUser() {
        Long me = access.actor().userId();
        if (me == null) {
            throw new InvalidFieldException("user", "alerts belong to a signed-in person, not an API key");
        }
        return me;
    }
}
