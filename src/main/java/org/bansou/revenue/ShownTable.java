package org.bansou.revenue;

import java.util.List;

/** A revenue table as a page shows it: title, headers and cells in the reader's language and number format. */
public record ShownTable(String name, String title, List<String> headers, List<List<String>> cells,
                         RevenueTable table) {

    public String linkAt(int row, int column) {
        return table.linkAt(row, column);
    }
}
