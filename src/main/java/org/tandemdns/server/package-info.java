/**
 * Network transports on Netty: UDP and TCP (RFC 1035 §4.2, RFC 7766), framing, limits, request context and dispatch by opcode. No zone logic lives here.
 */
package org.tandemdns.server;
