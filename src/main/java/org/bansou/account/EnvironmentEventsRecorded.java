package org.bansou.account;

import java.util.List;

/**
 * Published whenever changes in customers' worlds are recorded, one or many at once (the API, an import, the
 * demo), so that whoever reacts (the owners' alerts) does so in one set-based step for all of them.
 */
public record EnvironmentEventsRecorded(List<Long> eventIds) {
}
