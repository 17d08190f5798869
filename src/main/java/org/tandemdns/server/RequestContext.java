package org.tandemdns.server;

import java.net.InetSocketAddress;

/** What is known about a request besides its bytes: the transport and both ends. */
public record RequestContext(Transport transport, InetSocketAddress remote, InetSocketAddress local) {}
