package org.bansou.success;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bansou.account.Accounts;
import org.bansou.database.ContainsSearch;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
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

/** Success stories over JSON: the library, the stories relevant to an account, their uses and reports. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Success stories", description = "Proven success patterns, reused with similar customers")
class StoryApi {

    static final String BAND = "1-9|10-49|50-249|250-999|1000\\+";

    @Schema(description = "A success story: problem → approach → measured outcome")
    record StoryBody(
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = 4000) String problem,
            @NotBlank @Size(max = 4000) String approach,
            @Schema(example = "請求書作成時間 (時間/月)") @NotBlank @Size(max = 300) String outcomeMetric,
            @NotNull BigDecimal outcomeBefore,
            @NotNull BigDecimal outcomeAfter,
            @Size(max = 50) String outcomeUnit,
            @Size(max = 200) String industry,
            @Pattern(regexp = BAND, message = "must be one of 1-9, 10-49, 50-249, 250-999, 1000+") String employeeBand,
            @Size(max = 200) String planName,
            List<@Size(max = 100) String> features,
            @Size(max = 500) String playbook,
            List<@Size(max = 100) String> problemTags,
            Long sourceAccountId,
            @Schema(description = "The story this one reuses; empty for a new pattern") Long reuseOfStoryId,
            @Schema(description = "For an edit: the version you read") Integer version) {

        StoryFields fields() {
            return new StoryFields(title, problem, approach, outcomeMetric, outcomeBefore, outcomeAfter, outcomeUnit,
                    industry, employeeBand, planName, features, playbook, problemTags, sourceAccountId,
                    reuseOfStoryId);
        }
    }

    record NewUse(@NotNull Long accountId, LocalDate usedOn, @Size(max = 2000) String note) {
    }

    record StoryPage(List<SuccessStory> stories, long total, int page, int size) {
    }

    record Reports(List<StoryReports.QuarterCount> perQuarter, List<StoryUses.StoryUsage> usage,
                   StoryReports.Retention retention) {
    }

    private final SuccessStories stories;
    private final StoryUses uses;
    private final StoryRelevance relevance;
    private final StoryReports reports;
    private final Accounts accounts;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    StoryApi(SuccessStories stories, StoryUses uses, StoryRelevance relevance, StoryReports reports,
             Accounts accounts, AccessRules access, AuditLog audit, Clock clock) {
        this.stories = stories;
        this.uses = uses;
        this.relevance = relevance;
        this.reports = reports;
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/success-stories")
    @Operation(summary = "The story library, newest first, optionally those containing q")
    StoryPage list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
                   @RequestParam(defaultValue = "50") int size) {
        ContainsSearch search = q == null || q.isBlank() ? null : term(q);
        int pageSize = Math.max(1, Math.min(size, 200));
        int pageNumber = Math.max(1, page);
        return new StoryPage(stories.page(search, pageSize, (long) (pageNumber - 1) * pageSize),
                stories.count(search), pageNumber, pageSize);
    }

    @GetMapping("/success-stories/{id}")
    ResponseEntity<SuccessStory> story(@PathVariable long id) {
        SuccessStory story = stories.get(id);
        return ResponseEntity.ok().eTag(EditedVersion.etag(story.version())).body(story);
    }

    @PostMapping("/success-stories")
    @Transactional
    @Operation(summary = "Write down a success story")
    ResponseEntity<SuccessStory> create(@Valid @RequestBody StoryBody body) {
        access.require(Role.CSM);
        checkLinks(body, null);
        SuccessStory story = stories.create(body.fields(), LocalDate.now(clock), access.actor().name());
        audit.record("create", "success_story", story.id(), body.sourceAccountId(), Map.of("title", story.title()));
        return ResponseEntity.created(URI.create("/api/v1/success-stories/" + story.id()))
                .eTag(EditedVersion.etag(story.version())).body(story);
    }

    @PutMapping("/success-stories/{id}")
    @Transactional
    @Operation(summary = "Save an edited story", description = "Send the version you read; a stale one gets 409.")
    ResponseEntity<SuccessStory> update(@PathVariable long id, @Valid @RequestBody StoryBody body,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(Role.CSM);
        stories.get(id);
        checkLinks(body, id);
        SuccessStory story = stories.update(id, EditedVersion.of(body.version(), ifMatch), body.fields());
        audit.record("update", "success_story", id, story.sourceAccountId(), Map.of("title", story.title()));
        return ResponseEntity.ok().eTag(EditedVersion.etag(story.version())).body(story);
    }

    private void checkLinks(StoryBody body, Long id) {
        if (body.sourceAccountId() != null && accounts.findById(body.sourceAccountId()).isEmpty()) {
            throw new InvalidFieldException("sourceAccountId", "is not an account");
        }
        if (body.reuseOfStoryId() != null && (body.reuseOfStoryId().equals(id)
                || stories.findById(body.reuseOfStoryId()).isEmpty())) {
            throw new InvalidFieldException("reuseOfStoryId", "is not another success story");
        }
    }

    @GetMapping("/accounts/{accountId}/relevant-stories")
    @Operation(summary = "The stories most relevant to the account, with the reason for each")
    List<StoryRelevance.Offered> relevant(@PathVariable long accountId,
                                          @RequestParam(required = false) String tags, Locale locale) {
        return relevance.forAccount(accounts.get(accountId), StoryFields.tags(tags), 10, locale);
    }

    @PostMapping("/success-stories/{id}/uses")
    @Transactional
    @Operation(summary = "Record that a CSM told this story to an account")
    ResponseEntity<StoryUses.StoryUse> use(@PathVariable long id, @Valid @RequestBody NewUse body) {
        stories.get(id);
        access.requireAccountWrite(accounts.get(body.accountId()).ownerUserId());
        StoryUses.StoryUse use = uses.record(id, body.accountId(),
                body.usedOn() == null ? LocalDate.now(clock) : body.usedOn(), access.actor().name(), body.note());
        audit.record("use", "success_story", id, body.accountId(), Map.of("use", use.id()));
        return ResponseEntity.status(HttpStatus.CREATED).body(use);
    }

    @GetMapping("/story-reports")
    @Operation(summary = "Stories per quarter, new patterns vs reuses, uses per story, retention of followers vs peers")
    Reports reports() {
        return new Reports(reports.perQuarter(), reports.usage(), reports.retention());
    }

    static ContainsSearch term(String q) {
        if (!ContainsSearch.searchable(q)) {
            throw new InvalidFieldException("q", "needs at least " + ContainsSearch.SHORTEST + " characters");
        }
        return new ContainsSearch(q);
    }
}
