/**
 * The operator REST API ({@code /platform/api/v1}): what the provisioning CLI does, over
 * HTTP, for platform operators' own tools.
 */
@NullMarked
package com.atelier.infra.operator;

import org.jspecify.annotations.NullMarked;
