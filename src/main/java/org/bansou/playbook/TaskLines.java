package org.bansou.playbook;

import java.util.ArrayList;
import java.util.List;

import org.bansou.web.InvalidFieldException;

/**
 * Tasks as a manager types them in the template form, one per line:
 * {@code owner | due offset days | title ja | title en | check event | how to} (the last two may be empty).
 */
final class TaskLines {

    private TaskLines() {
    }

    static List<PlaybookTemplate.TaskTemplate> read(String text) {
        List<PlaybookTemplate.TaskTemplate> tasks = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (cells.length < 4) {
                throw new InvalidFieldException("tasks", "line " + (i + 1)
                        + ": write owner | days | title ja | title en [| check event | how to]");
            }
            int days;
            try {
                days = Integer.parseInt(cells[1].strip());
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("tasks", "line " + (i + 1) + ": \"" + cells[1].strip()
                        + "\" is not a number of days");
            }
            tasks.add(new PlaybookTemplate.TaskTemplate(tasks.size() + 1, cells[2].strip(), cells[3].strip(),
                    cells[0].strip(), days, cells.length > 5 ? cells[5].strip() : null,
                    cells.length > 4 ? cells[4].strip() : null));
        }
        return tasks;
    }

    static String write(List<PlaybookTemplate.TaskTemplate> tasks) {
        StringBuilder text = new StringBuilder();
        for (PlaybookTemplate.TaskTemplate t : tasks) {
            text.append(t.owner()).append(" | ").append(t.dueOffsetDays()).append(" | ").append(t.titleJa())
                    .append(" | ").append(t.titleEn()).append(" | ").append(t.checkEvent() == null ? "" : t.checkEvent())
                    .append(" | ").append(t.howTo() == null ? "" : t.howTo()).append('\n');
        }
        return text.toString();
    }
}
