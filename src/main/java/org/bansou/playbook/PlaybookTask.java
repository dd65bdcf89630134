package org.bansou.playbook;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** A task of a run, or a single task a rule created: who does it (customer or CS), by when, and whether done. */
public record PlaybookTask(long id, long accountId, String accountName, Long runId, Long ruleId, int position,
                           String titleJa, String titleEn, String owner, Long ownerUserId, String ownerName,
                           String howTo, String checkEvent, LocalDate dueOn, LocalDate doneOn, String doneBy,
                           String doneVia) {

    /** Past its due day and not done: flagged for whoever owns it, the customer as much as CS. */
    public boolean overdueOn(LocalDate today) {
        return doneOn == null && dueOn.isBefore(today);
    }

    /** Days past due: until done, or until today while still open; 0 when on time. */
    public long daysLateOn(LocalDate today) {
        LocalDate end = doneOn == null ? today : doneOn;
        return Math.max(0, ChronoUnit.DAYS.between(dueOn, end));
    }

    public String title(String language) {
        return "ja".equals(language) ? titleJa : titleEn;
    }
}
