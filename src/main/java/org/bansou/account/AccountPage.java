package org.bansou.account;

import java.util.List;

/** One page of accounts and where it sits in the whole list. */
public record AccountPage(List<Account> rows, int page, int size, long total) {

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
