package org.bansou.account;

import java.util.List;

/**
 * What another capability adds to an account's timeline (a health band change, a renewal outcome, a playbook
 * finished): it implements this as a bean and the account page merges its facts with its own, so account
 * never depends on the capabilities that report to it.
 */
public interface TimelineSource {

    /** This source's facts about one account, in any order; the account page sorts the merged timeline. */
    List<TimelineFact> factsFor(long accountId);
}
