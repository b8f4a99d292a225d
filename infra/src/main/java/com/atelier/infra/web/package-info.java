/**
 * HTTP concerns shared by every API: problem details for errors outside controllers.
 */
@NullMarked
package com.atelier.infra.web;

import org.jspecify.annotations.NullMarked;
