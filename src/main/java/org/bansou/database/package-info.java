/**
 * Where the data lives: an embedded PostgreSQL kept in {@code ./bansou-data} by default, or the external
 * PostgreSQL named by {@code BANSOU_DB_URL}.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.bansou.database;
