/**
 * The runnable Atelier application: one Spring Boot jar serving every API, and the
 * provisioning CLI.
 */
@NullMarked
package com.atelier.infra;

import org.jspecify.annotations.NullMarked;
