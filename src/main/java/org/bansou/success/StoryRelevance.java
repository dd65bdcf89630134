package org.bansou.success;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bansou.account.Account;
import org.bansou.subscription.Subscription;
import org.bansou.subscription.Subscriptions;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The stories most relevant to one account, each with the reason in words a CSM can repeat. */
@Component
public class StoryRelevance {

    /** A story offered to an account and why. */
    public record Offered(StoryMatch match, String reason) {
    }

    private final SuccessStories stories;
    private final Subscriptions subscriptions;
    private final MessageSource messages;

    StoryRelevance(SuccessStories stories, Subscriptions subscriptions, MessageSource messages) {
        this.stories = stories;
        this.subscriptions = subscriptions;
        this.messages = messages;
    }

    public List<Offered> forAccount(Account account, List<String> problemTags, int limit, Locale locale) {
        String plan = subscriptions.forAccount(account.id()).stream()
                .filter(s -> !s.status().equals("ended"))
                .map(Subscription::planName).findFirst().orElse(null);
        return stories.relevantTo(account.industry(), account.employeeBand(), plan, problemTags, limit).stream()
                .map(match -> new Offered(match, reason(match, locale)))
                .toList();
    }

    String reason(StoryMatch match, Locale locale) {
        List<String> parts = new ArrayList<>();
        if (match.sameIndustry() != null) {
            parts.add(messages.getMessage("success.reason.industry", new Object[] {match.sameIndustry()}, locale));
        }
        if (match.sameBand() != null) {
            parts.add(messages.getMessage("success.reason.band", new Object[] {match.sameBand()}, locale));
        }
        if (match.samePlan() != null) {
            parts.add(messages.getMessage("success.reason.plan", new Object[] {match.samePlan()}, locale));
        }
        if (!match.sharedTags().isEmpty()) {
            parts.add(messages.getMessage("success.reason.tags", new Object[] {String.join(", ", match.sharedTags())},
                    locale));
        }
        return String.join(messages.getMessage("success.reason.separator", null, ", ", locale), parts);
    }
}
