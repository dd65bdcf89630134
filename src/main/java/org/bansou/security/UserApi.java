package org.bansou.security;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The people who sign in, over JSON; admins only. */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users", description = "The people who sign in to bansou (admin)")
class UserApi {

    @Schema(description = "A person who will sign in")
    record NewUser(
            @Schema(example = "tanaka") @NotBlank
            @Pattern(regexp = "[a-z0-9._-]{2,64}", message = "must be 2 to 64 of a-z, 0-9, '.', '_' or '-'")
            String username,
            @Schema(example = "田中 美咲") @NotBlank @Size(max = 200) String displayName,
            @Email @Size(max = 320) String email,
            @NotNull
            @Pattern(regexp = "admin|manager|csm|viewer", message = "must be one of admin, manager, csm, viewer")
            String role,
            @Schema(description = "At least 12 characters; stored only as a hash")
            @NotNull @Size(min = 12, max = 200) String password) {
    }

    private final AppUsers users;
    private final AccessRules access;
    private final AuditLog audit;

    UserApi(AppUsers users, AccessRules access, AuditLog audit) {
        this.users = users;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Every user (admin)")
    List<AppUser> list() {
        access.require(Role.ADMIN);
        return users.all();
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Add a user (admin)")
    ResponseEntity<AppUser> create(@Valid @RequestBody NewUser body) {
        access.require(Role.ADMIN);
        AppUser user = users.create(body.username(), body.displayName(), body.email(), Role.fromCode(body.role()),
                body.password());
        audit.record("create", "app_user", user.id(), null,
                Map.of("via", "api", "username", user.username(), "role", user.role()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
    }
}
