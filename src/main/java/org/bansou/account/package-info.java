/**
 * Accounts: the customer companies a CS team looks after, their key persons, the changes in their world
 * (a key person leaving, a budget cut) and their path through the lifecycle stages.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"security", "database", "web", "subscription"})
package org.bansou.account;
