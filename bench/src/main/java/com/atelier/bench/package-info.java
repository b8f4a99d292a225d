/**
 * Benchmarks of Atelier, run by the scripts in bench/ against 127.0.0.1 only.
 */
@NullMarked
package com.atelier.bench;

import org.jspecify.annotations.NullMarked;
