/**
 * Who may do what: people sign in with a password, machines with an API key; roles admin, manager, csm and
 * viewer; every write is kept in the audit log.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.bansou.security;
