package org.bansou.playbook;

import java.time.LocalDate;

/** One account's run of one template version, with how far it got. */
public record PlaybookRun(long id, long accountId, String accountName, long templateId, String templateCode,
                          String templateName, int templateVersion, LocalDate startedOn, String origin,
                          String startedBy, String shareToken, LocalDate completedOn, LocalDate cancelledOn,
                          int tasks, int tasksDone, int tasksOverdue) {

    public boolean open() {
        return completedOn == null && cancelledOn == null;
    }
}
