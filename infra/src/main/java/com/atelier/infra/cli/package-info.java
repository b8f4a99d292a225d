/**
 * The provisioning CLI for platform operators (bin/atelier).
 */
@NullMarked
package com.atelier.infra.cli;

import org.jspecify.annotations.NullMarked;
