package org.bansou.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns table {@code health_model}: the versions of every health model. Creating or editing one appends a
 * version, so scores keep naming the definition they came from; only managers and admins design models.
 */
@Component
public class HealthModels {

    private static final TypeReference<List<HealthComponent>> COMPONENTS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, version, name, touch_tier, plan_code, industry, priority, good_from, poor_below,
            components::text AS components, archived, created_by, created_at""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final AccessRules access;
    private final AuditLog audit;

    HealthModels(JdbcClient jdbc, ObjectMapper json, AccessRules access, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.audit = audit;
    }

    /** The newest version of every model, archived ones included, by name. */
    public List<HealthModel> current() {
        return jdbc.sql("SELECT DISTINCT ON (id) " + COLUMNS + """

                          FROM health_model
                         ORDER BY id, version DESC
                        """)
                .query(this::model)
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(HealthModel::name).thenComparing(HealthModel::id))
                .toList();
    }

    /** The newest versions that score accounts: not archived. */
    List<HealthModel> scoring() {
        return current().stream().filter(m -> !m.archived()).toList();
    }

    public HealthModel get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + """

                          FROM health_model
                         WHERE id = :id
                         ORDER BY version DESC
                         LIMIT 1
                        """)
                .param("id", id)
                .query(this::model)
                .optional()
                .orElseThrow(() -> new NotFoundException("health model", id));
    }

    /** Every version of one model, newest first: what changed when, and by whom. */
    public List<HealthModel> versions(long id) {
        List<HealthModel> versions = jdbc.sql("SELECT " + COLUMNS + """

                          FROM health_model
                         WHERE id = :id
                         ORDER BY version DESC
                        """)
                .param("id", id)
                .query(this::model)
                .list();
        if (versions.isEmpty()) {
            throw new NotFoundException("health model", id);
        }
        return versions;
    }

    @Transactional
    public HealthModel create(HealthModelForm form) {
        access.require(Role.MANAGER);
        HealthModelForm checked = form.checked();
        long id = jdbc.sql("SELECT nextval('health_model_id_seq')").query(Long.class).single();
        insert(id, 1, checked);
        audit.record("create", "health_model", id, null, Map.of("version", 1, "name", checked.name()));
        return get(id);
    }

    /** Appends the next version; refused (409) when {@code basedOn} is no longer the newest version. */
    @Transactional
    public HealthModel edit(long id, int basedOn, HealthModelForm form) {
        access.require(Role.MANAGER);
        HealthModelForm checked = form.checked();
        // locks the model's versions so two edits based on the same version cannot both append
        Integer newest = jdbc.sql("""
                        SELECT max(version)
                          FROM (SELECT version FROM health_model WHERE id = :id FOR UPDATE) versions
                        """)
                .param("id", id)
                .query(Integer.class)
                .single();
        if (newest == null) {
            throw new NotFoundException("health model", id);
        }
        if (newest != basedOn) {
            throw new StaleVersionException("health model", id, basedOn, newest);
        }
        insert(id, newest + 1, checked);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", newest + 1);
        detail.put("name", checked.name());
        detail.put("archived", checked.archived());
        audit.record("edit", "health_model", id, null, detail);
        return get(id);
    }

    private void insert(long id, int version, HealthModelForm form) {
        jdbc.sql("""
                        INSERT INTO health_model (id, version, name, touch_tier, plan_code, industry, priority,
                                                  good_from, poor_below, components, archived, created_by)
                        VALUES (:id, :version, :name, :touchTier, :planCode, :industry, :priority,
                                :goodFrom, :poorBelow, CAST(:components AS jsonb), :archived, :createdBy)
                        """)
                .param("id", id)
                .param("version", version)
                .param("name", form.name())
                .param("touchTier", form.touchTier())
                .param("planCode", form.planCode())
                .param("industry", form.industry())
                .param("priority", form.priority())
                .param("goodFrom", form.goodFrom())
                .param("poorBelow", form.poorBelow())
                .param("components", toJson(form.components()))
                .param("archived", form.archived())
                .param("createdBy", access.actor().name())
                .update();
    }

    private HealthModel model(ResultSet rs, int n) throws SQLException {
        return new HealthModel(rs.getLong("id"), rs.getInt("version"), rs.getString("name"),
                rs.getString("touch_tier"), rs.getString("plan_code"), rs.getString("industry"),
                rs.getInt("priority"), rs.getBigDecimal("good_from"), rs.getBigDecimal("poor_below"),
                fromJson(rs.getString("components")), rs.getBoolean("archived"), rs.getString("created_by"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }

    private String toJson(List<HealthComponent> components) {
        try {
            return json.writeValueAsString(components);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("components are plain values", e);
        }
    }

    private List<HealthComponent> fromJson(String text) {
        try {
            return json.readValue(text, COMPONENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored components are unreadable: " + text, e);
        }
    }

}
