/**
 * Pricing governance, internal to revenue: contracts still on retired prices, price migration campaigns,
 * and new contracts saved on a retired price.
 */
package org.bansou.revenue.pricing;
