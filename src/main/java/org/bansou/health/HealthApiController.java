package org.bansou.health;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bansou.account.Accounts;
import org.bansou.importing.ImportFile;
import org.bansou.web.ApiProblem;
import org.bansou.web.EditedVersion;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.HttpStatus;
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

/**
 * Health as JSON under {@code /api/v1/health}, the same figures as the pages: models and their versions,
 * scoring on demand, an account's score with its reasons and history, band changes and "moved to poor",
 * and signal imports. Any role reads; models, runs and imports need a manager.
 */
@RestController
@RequestMapping("/api/v1/health")
@Tag(name = "health", description = "Health models, scores, explanations and signals")
class HealthApiController {

    /** An account's latest score with its reasons, and its score history. */
    record AccountHealthView(long accountId, LocalDate day, BigDecimal score, String band, long modelId,
                             int modelVersion, String summary, List<HealthExplanations.Part> components,
                             List<HealthExplanations.Part> worst, List<HealthScores.ScorePoint> history) {
    }

    private final HealthModels models;
    private final HealthScoring scoring;
    private final HealthScores scores;
    private final HealthBands bands;
    private final HealthSignals signals;
    private final HealthExplanations explanations;
    private final Accounts accounts;
    private final Clock clock;

    HealthApiController(HealthModels models, HealthScoring scoring, HealthScores scores, HealthBands bands,
                        HealthSignals signals, HealthExplanations explanations, Accounts accounts, Clock clock) {
        this.models = models;
        this.scoring = scoring;
        this.scores = scores;
        this.bands = bands;
        this.signals = signals;
        this.explanations = explanations;
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/models")
    @Operation(summary = "The newest version of every health model")
    List<HealthModel> models() {
        return models.current();
    }

    @GetMapping("/models/{id}")
    @Operation(summary = "A model's newest version; its ETag is the version to send back when editing")
    ResponseEntity<HealthModel> model(@PathVariable long id) {
        HealthModel model = models.get(id);
        return ResponseEntity.ok().eTag(EditedVersion.etag(model.version())).body(model);
    }

    @GetMapping("/models/{id}/versions")
    @Operation(summary = "Every version of a model, newest first")
    List<HealthModel> versions(@PathVariable long id) {
        return models.versions(id);
    }

    @PostMapping("/models")
    @Operation(summary = "Creates a model at version 1 (manager or admin)")
    ResponseEntity<HealthModel> create(@RequestBody HealthModelForm form) {
        HealthModel created = models.create(form);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(EditedVersion.etag(created.version())).body(created);
    }

    @PutMapping("/models/{id}")
    @Operation(summary = "Saves the next version of a model; send the version you read (body or If-Match), 409 if stale")
    ResponseEntity<HealthModel> edit(@PathVariable long id, @RequestBody HealthModelForm form,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        int basedOn = EditedVersion.of(form.version(), ifMatch);
        HealthModel edited = models.edit(id, basedOn, form);
        return ResponseEntity.ok().eTag(EditedVersion.etag(edited.version())).body(edited);
    }

    @PostMapping("/scores")
    @Operation(summary = "Scores every customer account on a day (default today) now (manager or admin)")
    HealthScoring.Run score(@RequestParam(required = false) LocalDate day) {
        return scoring.scoreOnDemand(day == null ? LocalDate.now(clock) : day);
    }

    @GetMapping("/accounts/{id}")
    @Operation(summary = "An account's latest score, the components that explain it, and its history")
    AccountHealthView account(@PathVariable long id, @RequestParam(defaultValue = "365") int days, Locale locale) {
        accounts.get(id);
        LocalDate to = LocalDate.now(clock);
        List<HealthScores.ScorePoint> history = scores.history(id, to.minusDays(Math.max(1, Math.min(days, 1100)) - 1L), to);
        return scores.latest(id).map(s -> {
            HealthExplanations.Explained e = explanations.explain(s, locale);
            return new AccountHealthView(id, s.day(), s.score(), s.band().code(), s.modelId(), s.modelVersion(),
                    e.summary(), e.parts(), e.worst(), history);
        }).orElse(new AccountHealthView(id, null, null, null, 0, 0, null, List.of(), List.of(), history));
    }

    @GetMapping("/band-changes")
    @Operation(summary = "Every band change between two days (from null: the account's first score)")
    List<HealthBandChanged> bandChanges(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        checkOrder(from, to);
        return bands.bandChangesBetween(from, to);
    }

    @GetMapping("/moved-to-poor")
    @Operation(summary = "Accounts that moved into poor between two days (default the last 7), optionally of one owner")
    HealthScores.MovedPage movedToPoor(@RequestParam(required = false) LocalDate from,
                                       @RequestParam(required = false) LocalDate to,
                                       @RequestParam(required = false) Long owner,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        LocalDate since = from == null ? until.minusDays(6) : from;
        checkOrder(since, until);
        if (size < 1 || size > 1000) {
            throw new InvalidFieldException("size", "must be between 1 and 1000");
        }
        return scores.movedToPoor(since, until, owner, Math.max(0, page), size);
    }

    @PostMapping(path = "/signals", consumes = "multipart/form-data")
    @Operation(summary = "Imports health signals from CSV or XLSX (account_external_id, day, metric, value), all or nothing")
    ResponseEntity<HealthSignals.Imported> importSignals(@RequestParam("file") MultipartFile file, Locale locale) throws IOException {
        HealthSignals.Imported imported = signals.importFile(ImportFile.of(file.getOriginalFilename(), file.getBytes()),
                locale);
        if (!imported.ok()) {
            throw InvalidFieldException.of(imported.problems().stream()
                    .map(problem -> new ApiProblem.FieldProblem("file", problem)).toList());
        }
        return ResponseEntity.ok(imported);
    }

    private static void checkOrder(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new InvalidFieldException("from", "is after to");
        }
    }
}
