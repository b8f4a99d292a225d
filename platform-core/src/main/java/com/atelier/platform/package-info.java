/**
 * Atelier platform core: tenancy, identity, the commerce domain, events, jobs and money.
 */
@NullMarked
package com.atelier.platform;

import org.jspecify.annotations.NullMarked;
