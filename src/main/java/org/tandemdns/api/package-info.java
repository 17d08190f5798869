/**
 * The HTTP API (JSON) and the Prometheus /metrics endpoint.
 */
package org.tandemdns.api;
