package org.bansou.success;

import java.util.List;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.account.Contact;
import org.bansou.account.Contacts;
import org.bansou.database.ContainsSearch;
import org.bansou.web.InvalidFieldException;
import org.springframework.stereotype.Component;

/**
 * The one search box: accounts, key persons, success stories and feedback whose text contains the term, each
 * found through an index (trigrams from three characters, bigrams for two, so 請求 is found quickly).
 */
@Component
public class KnowledgeSearch {

    /** What matched, per kind, at most {@code limit} of each. */
    public record Found(String term, List<Account> accounts, List<Contact> contacts, List<SuccessStory> stories,
                        List<FeedbackEntry> feedback, long storiesTotal, long feedbackTotal) {
    }

    private final Accounts accounts;
    private final Contacts contacts;
    private final SuccessStories stories;
    private final FeedbackEntries feedback;

    KnowledgeSearch(Accounts accounts, Contacts contacts, SuccessStories stories, FeedbackEntries feedback) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.stories = stories;
        this.feedback = feedback;
    }

    public Found search(String q, int limit) {
        if (!ContainsSearch.searchable(q)) {
            throw new InvalidFieldException("q", "needs at least " + ContainsSearch.SHORTEST + " characters");
        }
        ContainsSearch term = new ContainsSearch(q);
        FeedbackEntries.Page entries = feedback.page(null, null, false, term, limit, 0);
        return new Found(term.term(), accounts.search(term, limit), contacts.search(term, limit),
                stories.page(term, limit, 0), entries.entries(), stories.count(term), entries.total());
    }
}
