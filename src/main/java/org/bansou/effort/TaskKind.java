package org.bansou.effort;

import java.time.Instant;
import java.util.Locale;

/** A kind of CS work (onboarding session, QBR, …) with its Japanese and English labels; retired kinds stay for old entries. */
public record TaskKind(String code, String labelJa, String labelEn, int position, Instant retiredAt) {

    public String label(Locale locale) {
        return "ja".equals(locale.getLanguage()) ? labelJa : labelEn;
    }

    public boolean active() {
        return retiredAt == null;
    }
}
