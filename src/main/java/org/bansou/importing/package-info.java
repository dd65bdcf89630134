/**
 * Import and export: CS teams keep their accounts, key persons, plans and contracts in Excel; this moves
 * them in and out as CSV or XLSX, all or nothing, naming every bad cell by line and column.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"account", "catalog", "subscription", "security", "database"})
package org.bansou.importing;
