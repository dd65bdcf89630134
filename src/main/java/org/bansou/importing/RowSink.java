package org.bansou.importing;

import java.util.List;

/** Receives a file's rows in order; {@code line} is the row number the user sees, the header being line 1. */
interface RowSink {

    void row(int line, List<String> cells);
}
