/**
 * Consistency and drift checks across a zone's nameservers, and alerting.
 */
package org.tandemdns.monitor;
