package org.bansou.security;

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
import org.bansou.database.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys over JSON; admins only. A key's secret is shown once, when it is issued. */
@RestController
@RequestMapping(path = "/api/v1/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API keys",
        description = "Keys for machines: ingest sends usage events, read reads, admin does all (admin)")
class ApiKeyApi {

    @Schema(description = "A key to issue")
    record NewApiKey(
            @Schema(example = "warehouse export") @NotBlank @Size(max = 200) String name,
            @Schema(description = "ingest: only sends usage events; read: acts as a viewer; admin: acts as an admin")
            @NotNull @Pattern(regexp = "ingest|read|admin", message = "must be one of ingest, read, admin")
            String scope) {
    }

    private final ApiKeys keys;
    private final AccessRules access;
    private final AuditLog audit;

    ApiKeyApi(ApiKeys keys, AccessRules access, AuditLog audit) {
        this.keys = keys;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Every key, without secrets (admin)")
    List<ApiKeys.ApiKey> list() {
        access.require(Role.ADMIN);
        return keys.all();
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Issue a key (admin)",
            description = "The secret is in this answer only; it is stored as a hash.")
    ResponseEntity<ApiKeys.IssuedKey> issue(@Valid @RequestBody NewApiKey body) {
        access.require(Role.ADMIN);
        ApiKeys.IssuedKey issued = keys.issue(body.name(), ApiKeys.Scope.valueOf(body.scope().toUpperCase(Locale.ROOT)),
                access.actor().userId());
        audit.record("issue", "api_key", issued.key().id(), null, Map.of("via", "api", "name", issued.key().name(),
                "scope", issued.key().scope(), "prefix", issued.key().prefix()));
        return ResponseEntity.status(HttpStatus.CREATED).body(issued);
    }

    @DeleteMapping("/{id}")
    @Transactional
    @Operation(summary = "Revoke a key (admin)", description = "The key stops working at once; its row stays.")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        access.require(Role.ADMIN);
        ApiKeys.ApiKey key = keys.findById(id).orElseThrow(() -> new NotFoundException("api key", id));
        if (keys.revoke(id)) {
            audit.record("revoke", "api_key", id, null, Map.of("via", "api", "name", key.name()));
        }
        return ResponseEntity.noContent().build();
    }
}
