/**
 * Identity: staff, customers, brand integrations and operators; the per-tenant OAuth2
 * authorization server, its keys, and token validation for the resource servers.
 */
@NullMarked
package com.atelier.platform.identity;

import org.jspecify.annotations.NullMarked;
