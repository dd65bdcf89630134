package org.bansou.demo;

import java.time.LocalDate;

/** A change in a demo customer's world and how late CS learned of it. */
public record DemoEnvironmentEvent(String accountExternalId, String kind, LocalDate occurredOn, LocalDate detectedOn,
                                   String detectedVia, String contactExternalId, String note) {
}
