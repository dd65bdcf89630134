package org.bansou.revenue;

import java.util.List;

/**
 * A table as the dashboard shows it and as it is exported: message keys of its columns and its rows.
 * Numbers stay numbers (money in major units of its currency, rates in percent) so a spreadsheet can add them.
 * {@code links} holds, per row and column, where a cell leads (null: nowhere).
 */
public record RevenueTable(String name, String titleKey, List<String> columnKeys, List<List<Object>> rows,
                    List<List<String>> links) {

    RevenueTable(String name, String titleKey, List<String> columnKeys, List<List<Object>> rows) {
        this(name, titleKey, columnKeys, rows, null);
    }

    public String linkAt(int row, int column) {
        if (links == null || row >= links.size() || column >= links.get(row).size()) {
            return null;
        }
        return links.get(row).get(column);
    }
}
