package org.bansou.demo;

/**
 * One chapter of the demo company's story, written after every chapter with a lower {@link #order()}: the
 * team, the price book, the customers and their contracts, their key persons… A capability adds its part of
 * the demo (usage, health scores, renewals) as a Spring bean implementing this, reading what earlier chapters
 * generated from the {@link DemoWorld} so its data agrees with theirs, e.g. usage that fades before a churn.
 */
public interface DemoChapter {

    /** Where the chapter runs: core chapters use 100–400; later capabilities take 500 and above. */
    int order();

    /**
     * Generates this chapter's data from {@link DemoWorld#random(String)} and writes it through the tables'
     * owners. Runs inside the generation's one transaction: the demo is written whole or not at all.
     */
    void write(DemoWorld world);

    /** Names the chapter in progress lines and seeds its random stream; keep it stable once released. */
    default String name() {
        return getClass().getSimpleName();
    }
}
