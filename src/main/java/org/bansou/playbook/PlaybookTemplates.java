package org.bansou.playbook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.web.InvalidFieldException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns tables {@code playbook_template} and {@code playbook_task_template}. A template is never edited in place:
 * a revision supersedes the current version and adds the next one, so running playbooks keep the tasks they
 * started with.
 */
@Component
public class PlaybookTemplates {

    private final JdbcClient jdbc;

    PlaybookTemplates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new template, version 1; refused if its code is taken. */
    @Transactional
    PlaybookTemplate create(TemplateForm form, String by, Instant at) {
        if (currentByCode(form.code()).isPresent()) {
            throw new InvalidFieldException("code", "\"" + form.code() + "\" exists; revise it instead");
        }
        return get(insertVersion(form, 1, by, at, null));
    }

    /**
     * The next version of template {@code code}, refused (409) unless {@code expectedVersion} is still the
     * current one: two managers revising at once do not overwrite each other.
     */
    @Transactional
    PlaybookTemplate revise(String code, int expectedVersion, TemplateForm form, String by, Instant at) {
        int superseded = jdbc.sql("""
                        UPDATE playbook_template
                           SET superseded_at = :at
                         WHERE code = :code
                           AND version = :version
                           AND superseded_at IS NULL
                        """)
                .param("at", Timestamp.from(at))
                .param("code", code)
                .param("version", expectedVersion)
                .update();
        if (superseded == 0) {
            PlaybookTemplate current = currentByCode(code).orElseThrow(() -> new NotFoundException("template", code));
            throw new StaleVersionException("template", code, expectedVersion, current.version());
        }
        return get(insertVersion(form, expectedVersion + 1, by, at, null));
    }

    /** Writes one version as it was, e.g. the demo company's history; {@code supersededAt} null for the current. */
    long insertVersion(TemplateForm form, int version, String by, Instant at, Instant supersededAt) {
        long id = jdbc.sql("""
                        INSERT INTO playbook_template (code, version, name, description, stage, next_stage,
                                                       start_on_subscription, created_at, created_by, superseded_at)
                        VALUES (:code, :version, :name, :description, :stage, :nextStage, :startOnSubscription,
                                :at, :by, :supersededAt)
                        RETURNING id
                        """)
                .param("code", form.code())
                .param("version", version)
                .param("name", form.name())
                .param("description", form.description())
                .param("stage", form.stage())
                .param("nextStage", form.nextStage())
                .param("startOnSubscription", form.startOnSubscription())
                .param("at", Timestamp.from(at))
                .param("by", by)
                .param("supersededAt", supersededAt == null ? null : Timestamp.from(supersededAt))
                .query(Long.class)
                .single();
        List<PlaybookTemplate.TaskTemplate> tasks = form.tasks();
        jdbc.sql("""
                        INSERT INTO playbook_task_template (template_id, position, title_ja, title_en, owner,
                                                            due_offset_days, how_to, check_event)
                        SELECT :templateId, t.n, t.title_ja, t.title_en, t.owner, t.due_offset_days, t.how_to,
                               t.check_event
                          FROM unnest(:titlesJa, :titlesEn, :owners, :offsets, :howTos, :checkEvents)
                               WITH ORDINALITY AS t (title_ja, title_en, owner, due_offset_days, how_to,
                                                     check_event, n)
                        """)
                .param("templateId", id)
                .param("titlesJa", tasks.stream().map(PlaybookTemplate.TaskTemplate::titleJa).toArray(String[]::new))
                .param("titlesEn", tasks.stream().map(PlaybookTemplate.TaskTemplate::titleEn).toArray(String[]::new))
                .param("owners", tasks.stream().map(PlaybookTemplate.TaskTemplate::owner).toArray(String[]::new))
                .param("offsets", tasks.stream().map(PlaybookTemplate.TaskTemplate::dueOffsetDays)
                        .toArray(Integer[]::new))
                .param("howTos", tasks.stream().map(PlaybookTemplate.TaskTemplate::howTo).toArray(String[]::new))
                .param("checkEvents", tasks.stream().map(PlaybookTemplate.TaskTemplate::checkEvent)
                        .toArray(String[]::new))
                .update();
        return id;
    }

    public Optional<PlaybookTemplate> findById(long id) {
        return withTasks(headers("WHERE t.id = :id", Map.of("id", id))).stream().findFirst();
    }

    public PlaybookTemplate get(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("template", id));
    }

    public Optional<PlaybookTemplate> currentByCode(String code) {
        return withTasks(headers("WHERE t.code = :code AND t.superseded_at IS NULL", Map.of("code", code)))
                .stream().findFirst();
    }

    /** Every current template, by stage and name. */
    public List<PlaybookTemplate> current() {
        return withTasks(headers("WHERE t.superseded_at IS NULL", Map.of()));
    }

    /** Every version of one template, newest first. */
    public List<PlaybookTemplate> versions(String code) {
        return withTasks(headers("WHERE t.code = :code", Map.of("code", code)));
    }

    /** Current templates that start by themselves when an account's subscription starts. */
    List<PlaybookTemplate> startingOnSubscription() {
        return current().stream().filter(PlaybookTemplate::startOnSubscription).toList();
    }

    private List<PlaybookTemplate> headers(String where, Map<String, ?> params) {
        return jdbc.sql("""
                        SELECT t.id, t.code, t.version, t.name, t.description, t.stage, t.next_stage,
                               t.start_on_subscription, t.created_at, t.created_by, t.superseded_at
                          FROM playbook_template t
                        """ + where + """

                         ORDER BY t.stage, t.name, t.version DESC
                        """)
                .params(params)
                .query((rs, n) -> new PlaybookTemplate(rs.getLong("id"), rs.getString("code"), rs.getInt("version"),
                        rs.getString("name"), rs.getString("description"), rs.getString("stage"),
                        rs.getString("next_stage"), rs.getBoolean("start_on_subscription"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                        rs.getTimestamp("superseded_at") == null ? null : rs.getTimestamp("superseded_at").toInstant(),
                        List.of()))
                .list();
    }

    private List<PlaybookTemplate> withTasks(List<PlaybookTemplate> templates) {
        if (templates.isEmpty()) {
            return templates;
        }
        record Row(long templateId, PlaybookTemplate.TaskTemplate task) {
        }
        Map<Long, List<PlaybookTemplate.TaskTemplate>> tasks = jdbc.sql("""
                        SELECT template_id, position, title_ja, title_en, owner, due_offset_days, how_to, check_event
                          FROM playbook_task_template
                         WHERE template_id = ANY(:ids)
                         ORDER BY template_id, position
                        """)
                .param("ids", templates.stream().map(PlaybookTemplate::id).toArray(Long[]::new))
                .query((rs, n) -> new Row(rs.getLong("template_id"), new PlaybookTemplate.TaskTemplate(
                        rs.getInt("position"), rs.getString("title_ja"), rs.getString("title_en"),
                        rs.getString("owner"), rs.getInt("due_offset_days"), rs.getString("how_to"),
                        rs.getString("check_event"))))
                .list().stream()
                .collect(Collectors.groupingBy(Row::templateId,
                        Collectors.mapping(Row::task, Collectors.toList())));
        return templates.stream().map(t -> new PlaybookTemplate(t.id(), t.code(), t.version(), t.name(),
                t.description(), t.stage(), t.nextStage(), t.startOnSubscription(), t.createdAt(), t.createdBy(),
                t.supersededAt(), tasks.getOrDefault(t.id(), List.of()))).toList();
    }
}
