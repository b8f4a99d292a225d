/**
 * Demo brands for bin/atelier serve --demo.
 */
@NullMarked
package com.atelier.infra.demo;

import org.jspecify.annotations.NullMarked;
