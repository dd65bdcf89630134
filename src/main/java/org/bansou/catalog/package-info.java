/**
 * The plan catalog: plans and their versioned prices. A price revision adds a version with its own
 * valid-from date; old versions stay, so contracts still on a retired price can always be found.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"security", "database", "web"})
package org.bansou.catalog;
