package org.bansou.playbook;

import java.time.Instant;
import java.util.List;

/**
 * One version of a playbook template. A newer version of the same {@code code} supersedes it; runs started on
 * it keep it.
 */
public record PlaybookTemplate(long id, String code, int version, String name, String description, String stage,
                               String nextStage, boolean startOnSubscription, Instant createdAt, String createdBy,
                               Instant supersededAt, List<TaskTemplate> tasks) {

    /** One step of the template: who does it, by how many days after the start, and how. */
    public record TaskTemplate(int position, String titleJa, String titleEn, String owner, int dueOffsetDays,
                               String howTo, String checkEvent) {
    }

    public boolean current() {
        return supersededAt == null;
    }
}
