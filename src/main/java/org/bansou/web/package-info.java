/** Shared UI pieces: the page layout and navigation, languages, sign-in page and error pages. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.bansou.web;
