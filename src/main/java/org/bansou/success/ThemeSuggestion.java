package org.bansou.success;

/** An existing theme whose words resemble a new entry's, with how alike (0–1, pg_trgm similarity). */
public record ThemeSuggestion(long themeId, String title, String status, double similarity) {
}
