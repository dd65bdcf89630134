package org.bansou.success;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bansou.account.Accounts;
import org.bansou.renewal.ChurnRecord;
import org.bansou.renewal.ChurnRecords;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.EditedVersion;
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

/** Product feedback over JSON: entries, their themes, the themes' ranking by MRR and the product team's status. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Product feedback", description = "Requests and complaints, grouped into themes weighed by MRR")
class FeedbackApi {

    @Schema(description = "A request or complaint as heard")
    record NewEntry(@NotNull Long accountId,
                    @NotNull @Pattern(regexp = "request|complaint", message = "must be request or complaint") String kind,
                    @NotNull @Pattern(regexp = "call|survey|churn_interview|other",
                            message = "must be one of call, survey, churn_interview, other") String source,
                    @NotBlank @Size(max = 4000) String body,
                    Long themeId,
                    @Schema(description = "For a churn interview: the churn's date") LocalDate churnedOn,
                    @Schema(description = "The subscription change that churned; its MRR lost is taken from it")
                    Long subscriptionChangeId,
                    @Schema(description = "The churn record (renewal) this churn interview explains; its date and"
                            + " MRR lost are taken from it") Long churnRecordId,
                    @Min(0) Long churnedMrr,
                    @Pattern(regexp = ValueApi.CURRENCY, message = "must be an ISO 4217 code such as JPY")
                    String churnedCurrency,
                    LocalDate heardOn) {
    }

    @Schema(description = "What the customer said in the churn interview of one churn record")
    record InterviewEntry(@NotNull @Pattern(regexp = "request|complaint", message = "must be request or complaint")
                          String kind,
                          @NotBlank @Size(max = 4000) String body,
                          Long themeId,
                          LocalDate heardOn) {
    }

    record ChurnInterview(ChurnRecord churn, List<FeedbackEntry> feedback) {
    }

    record ThemeAssignment(Long themeId, Integer version) {
    }

    record NewTheme(@NotBlank @Size(max = 300) String title, @Size(max = 4000) String description) {
    }

    record StatusEdit(@NotNull @Pattern(regexp = "open|planned|shipped|declined",
                              message = "must be one of open, planned, shipped, declined") String status,
                      @Size(max = 100) String shippedIn, Integer version) {
    }

    private final FeedbackEntries entries;
    private final FeedbackThemes themes;
    private final ProductFeedback feedback;
    private final KnowledgeSettings settings;
    private final Accounts accounts;
    private final ChurnRecords churns;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    FeedbackApi(FeedbackEntries entries, FeedbackThemes themes, ProductFeedback feedback, KnowledgeSettings settings,
                Accounts accounts, ChurnRecords churns, AccessRules access, AuditLog audit, Clock clock) {
        this.entries = entries;
        this.themes = themes;
        this.feedback = feedback;
        this.settings = settings;
        this.accounts = accounts;
        this.churns = churns;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/feedback")
    @Operation(summary = "Feedback entries, newest first, by account, theme, unassigned or text")
    FeedbackEntries.Page list(@RequestParam(required = false) Long accountId,
                              @RequestParam(required = false) Long themeId,
                              @RequestParam(defaultValue = "false") boolean unassigned,
                              @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
                              @RequestParam(defaultValue = "50") int size) {
        int pageSize = Math.max(1, Math.min(size, 500));
        return entries.page(accountId, themeId, unassigned, q == null || q.isBlank() ? null : StoryApi.term(q),
                pageSize, (long) (Math.max(1, page) - 1) * pageSize);
    }

    @PostMapping("/feedback")
    @Transactional
    @Operation(summary = "Log a request or complaint")
    ResponseEntity<FeedbackEntry> record(@Valid @RequestBody NewEntry body) {
        access.requireAccountWrite(accounts.get(body.accountId()).ownerUserId());
        FeedbackEntry entry = feedback.record(new FeedbackEntries.NewFeedback(body.accountId(), body.kind(),
                body.source(), body.body(), body.themeId(), body.churnedOn(), body.subscriptionChangeId(),
                body.churnRecordId(), body.churnedMrr(), body.churnedMrr() == null ? null
                        : body.churnedCurrency() == null ? settings.current().rankingCurrency() : body.churnedCurrency(),
                body.heardOn() == null ? LocalDate.now(clock) : body.heardOn(), access.actor().name()));
        audit.record("record", "feedback", entry.id(), entry.accountId(), Map.of("kind", entry.kind()));
        return ResponseEntity.status(HttpStatus.CREATED).body(entry);
    }

    @GetMapping("/churn-records/{churnRecordId}/feedback")
    @Operation(summary = "A churn record and the feedback heard in its churn interview")
    ChurnInterview interview(@PathVariable long churnRecordId) {
        ChurnRecord churn = churns.get(churnRecordId);
        return new ChurnInterview(churn, entries.page(null, null, false, churnRecordId, null, 500, 0).entries());
    }

    @PostMapping("/churn-records/{churnRecordId}/feedback")
    @Transactional
    @Operation(summary = "Log what a churned customer said, linked to its churn record",
            description = "The churn's date and MRR lost are taken from the churn record; source is churn_interview.")
    ResponseEntity<FeedbackEntry> recordInterview(@PathVariable long churnRecordId,
                                                  @Valid @RequestBody InterviewEntry body) {
        ChurnRecord churn = churns.get(churnRecordId);
        access.requireAccountWrite(accounts.get(churn.accountId()).ownerUserId());
        FeedbackEntry entry = feedback.record(new FeedbackEntries.NewFeedback(churn.accountId(), body.kind(),
                "churn_interview", body.body(), body.themeId(), null, null, churnRecordId, null, null,
                body.heardOn() == null ? LocalDate.now(clock) : body.heardOn(), access.actor().name()));
        audit.record("record", "feedback", entry.id(), entry.accountId(),
                Map.of("kind", entry.kind(), "churnRecord", churnRecordId));
        return ResponseEntity.status(HttpStatus.CREATED).body(entry);
    }

    @PutMapping("/feedback/{id}/theme")
    @Transactional
    @Operation(summary = "Group an entry into a theme (null: out of any)", description = "Send the version you read.")
    FeedbackEntry assign(@PathVariable long id, @RequestBody ThemeAssignment body,
                         @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        FeedbackEntry entry = entries.get(id);
        access.requireAccountWrite(accounts.get(entry.accountId()).ownerUserId());
        if (body.themeId() != null) {
            themes.get(body.themeId());
        }
        FeedbackEntry after = entries.assignTheme(id, EditedVersion.of(body.version(), ifMatch), body.themeId());
        audit.record("assign", "feedback", id, entry.accountId(), Map.of("theme", String.valueOf(body.themeId())));
        return after;
    }

    @GetMapping("/feedback/theme-suggestions")
    @Operation(summary = "Existing themes resembling a text (pg_trgm similarity)")
    List<ThemeSuggestion> suggestions(@RequestParam String text) {
        return themes.suggestionsFor(text, 5);
    }

    @GetMapping("/feedback-themes")
    @Operation(summary = "Themes ranked by the MRR of the accounts asking plus the churned MRR citing them")
    List<ThemeRank> ranking(@RequestParam(required = false) List<String> status) {
        return themes.ranking(settings.current().rankingCurrency(), status == null ? List.of() : status);
    }

    @PostMapping("/feedback-themes")
    @Transactional
    @Operation(summary = "Open a theme")
    ResponseEntity<FeedbackTheme> createTheme(@Valid @RequestBody NewTheme body) {
        access.require(Role.CSM);
        FeedbackTheme theme = themes.create(body.title(), body.description(), access.actor().name());
        audit.record("create", "feedback_theme", theme.id(), null, Map.of("title", theme.title()));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(EditedVersion.etag(theme.version())).body(theme);
    }

    @PutMapping("/feedback-themes/{id}/status")
    @Transactional
    @Operation(summary = "The product team sets a theme's status; shipped alerts the asking accounts' owners",
            description = "Send the version you read; a stale one gets 409. Needs the manager role.")
    ResponseEntity<FeedbackTheme> status(@PathVariable long id, @Valid @RequestBody StatusEdit body,
                                         @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(Role.MANAGER);
        FeedbackTheme theme = feedback.setStatus(id, EditedVersion.of(body.version(), ifMatch), body.status(),
                body.shippedIn(), access.actor().name());
        audit.record("status", "feedback_theme", id, null, Map.of("status", theme.status()));
        return ResponseEntity.ok().eTag(EditedVersion.etag(theme.version())).body(theme);
    }
}
