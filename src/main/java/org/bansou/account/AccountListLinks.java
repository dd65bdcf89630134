package org.bansou.account;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Addresses of the accounts list that keep its filters, so a filtered, sorted page can be shared as a link.
 * Only filters in use appear in the address.
 */
record AccountListLinks(AccountFilter filter, int size) {

    static final int DEFAULT_SIZE = 50;

    /** The column header's link: sorts by {@code column}, or the other way round if already sorted by it. */
    public String sortBy(String column) {
        boolean flip = filter.sortColumn().equals(column) && !filter.descending();
        return link(filter.sortedBy(flip ? "-" + column : column), 1);
    }

    public String page(int page) {
        return link(filter, page);
    }

    private String link(AccountFilter f, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/accounts");
        add(uri, "stage", f.stage());
        add(uri, "tier", f.tier());
        add(uri, "owner", f.ownerUserId());
        add(uri, "industry", f.industry());
        add(uri, "q", f.q());
        if (!"name".equals(f.sort())) {
            uri.queryParam("sort", f.sort());
        }
        if (size != DEFAULT_SIZE) {
            uri.queryParam("size", size);
        }
        if (page > 1) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder uri, String name, Object value) {
        if (value != null) {
            uri.queryParam(name, value);
        }
    }
}
