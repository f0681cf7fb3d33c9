/**
 * The four services as the console sees them: the JSON shapes it reads (its own records, unknown fields ignored, so a
 * service may add fields), the bodies it sends, and a service's refusal. The REST clients live in {@code services.api}.
 */
package io.incidentops.console.services;
