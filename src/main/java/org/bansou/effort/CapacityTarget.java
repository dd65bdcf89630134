package org.bansou.effort;

/**
 * The load one full-time CSM can carry: this many high-touch, or low-touch, or tech-touch accounts (a CSM's
 * load is the sum of each tier's share, 1.0 = full), and this much MRR (minor units of {@code currency}).
 */
public record CapacityTarget(int highAccounts, int lowAccounts, int techAccounts, long mrrPerCsm, String currency,
                             int version) {

    /** Full-time CSMs these accounts need: 30 high-touch accounts at a target of 30 need one. */
    public double csmsFor(long high, long low, long tech) {
        return (double) high / highAccounts + (double) low / lowAccounts + (double) tech / techAccounts;
    }
}
