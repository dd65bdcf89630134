package org.bansou.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One dated fact another capability tells about an account. The text is a message key with its arguments, so
 * the timeline reads in the viewer's language; {@code kindKey} names the message for the kind column.
 *
 * @param at the exact moment when it is known, else null (the fact is placed at the start of its day)
 */
public record TimelineFact(LocalDate day, Instant at, String kindKey, String messageKey, List<Object> args) {

    public TimelineFact {
        args = List.copyOf(args);
    }

    public Object[] argsArray() {
        return args.toArray();
    }
}
