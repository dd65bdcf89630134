package org.bansou.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description of {@code /api/v1}, served at {@code /api/openapi} and shown at {@code /api/docs}. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String API_KEY = "apiKey";
    static final String BASIC = "basic";

    @Bean
    OpenAPI bansouApi(@Value("${bansou.version:0.1.0}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("bansou API")
                        .version(version)
                        .description("""
                                The accounts a Customer Success team looks after, their key persons, the changes \
                                in their world, their lifecycle stages, the plan catalog and every subscription \
                                with its dated history.

                                **Signing in.** Send an API key as `Authorization: Bearer bsk_…` (a `read` key \
                                acts as a viewer, an `admin` key as an admin; `ingest` keys only send usage \
                                events) or a person's user name and password with HTTP Basic.

                                **Roles.** Viewers read. A csm changes only the accounts it owns, with their \
                                contacts, events and subscriptions; managers and admins change everything. The \
                                plan catalog needs a manager; users and API keys need an admin.

                                **Saving over someone else's change.** Every row that can be edited carries a \
                                `version` (also sent as `ETag`). An update must say which version it read, as \
                                `version` in the body or as `If-Match`. If someone saved in between, the answer \
                                is 409 with the version the row is at now, and nothing is saved.

                                **Errors** are JSON: `{"status":400,"message":"…","errors":[{"field":"…",\
                                "message":"…"}]}` naming every bad field.""")
                        .license(new License().name("MIT")))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("bsk_…")
                                .description("An API key issued by an admin (POST /api/v1/api-keys)"))
                        .addSecuritySchemes(BASIC, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("A person's user name and password, for scripts")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /** Every operation says how it may be refused, with the {@link ApiProblem} body it then answers. */
    @Bean
    OpenApiCustomizer refusals() {
        return openApi -> {
            ModelConverters.getInstance().readAll(ApiProblem.class).forEach(openApi.getComponents()::addSchemas);
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                refusal(operation, "401", "No usable API key or password");
                refusal(operation, "403", "Your role may not do this");
                if (path.contains("{")) {
                    refusal(operation, "404", "Nothing with this id");
                }
                if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
                    refusal(operation, "400", "Invalid fields, each named in errors");
                    refusal(operation, "409", "Someone saved the row after you read it (currentVersion says which"
                            + " version it is at now), or the external id is already taken");
                }
                if (operation.getParameters() != null && operation.getParameters().stream()
                        .anyMatch(parameter -> "If-Match".equals(parameter.getName()))) {
                    refusal(operation, "428", "The update named no version: send version or If-Match");
                }
            }));
        };
    }

    private static void refusal(Operation operation, String status, String description) {
        operation.getResponses().putIfAbsent(status, new ApiResponse()
                .description(description)
                .content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<ApiProblem>().$ref("#/components/schemas/Problem")))));
    }
}
