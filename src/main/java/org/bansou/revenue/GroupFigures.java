package org.bansou.revenue;

import java.util.List;

/** The periods of one group of a report (the whole filter when not grouped). */
public record GroupFigures(String key, String label, List<PeriodFigures> periods) {
}
