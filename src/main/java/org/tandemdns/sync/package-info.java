/**
 * Providers and plan/apply for pushing one zone to several independent DNS providers.
 */
package org.tandemdns.sync;
