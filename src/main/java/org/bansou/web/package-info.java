/**
 * Shared UI pieces: the page layout and navigation, languages, sign-in page and error pages; and what every part
 * of the JSON API shares: its error answers ({@link org.bansou.web.ApiErrors}), the version an edit was based on
 * ({@link org.bansou.web.EditedVersion}) and its OpenAPI description.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.bansou.web;
