/**
 * TSIG (RFC 8945) key ring, signing and verification, and address/key access control lists.
 */
package org.tandemdns.security;
