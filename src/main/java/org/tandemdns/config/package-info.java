/**
 * Immutable configuration records, YAML loading and validation with errors that name the file, line and key.
 */
package org.tandemdns.config;
