/**
 * The authorization server's web side: its security chains, branded login and consent
 * pages, session binding.
 */
@NullMarked
package com.atelier.platform.identity.web;

import org.jspecify.annotations.NullMarked;
