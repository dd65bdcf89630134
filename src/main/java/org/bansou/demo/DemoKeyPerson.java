package org.bansou.demo;

import java.time.LocalDate;

/**
 * A key person at a demo customer. {@code leftOn} is when they truly left, {@code leftDetectedOn} when CS
 * learned of it (null while nobody knows yet): only a known departure is on the contact row.
 */
public record DemoKeyPerson(String externalId, String accountExternalId, String name, String email, String role,
                            boolean champion, boolean decisionMaker, String characterNote, String channel,
                            LocalDate joinedOn, LocalDate leftOn, LocalDate leftDetectedOn) {

    public boolean presentOn(LocalDate day) {
        return !joinedOn.isAfter(day) && (leftOn == null || leftOn.isAfter(day));
    }
}
