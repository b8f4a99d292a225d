/**
 * HTTP for reports: the admin API's report endpoints and the operator roll-up.
 */
@NullMarked
package com.atelier.reporting.web;

import org.jspecify.annotations.NullMarked;
