package org.tandemdns.propagation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.xbill.DNS.Name;

/** What the transfer and NOTIFY code report about downstream secondaries. Calls must not block. */
public interface DownstreamObserver {
  /** A downstream asked for an IXFR from {@code serial}: it holds that serial now (RFC 1995 §3). */
  void ixfrRequested(Name zone, InetAddress from, long serial);

  /** A transfer to a downstream completed: it now has {@code serial}. */
  void transferred(Name zone, InetAddress to, long serial);

  /** A NOTIFY target answered a SOA query with {@code serial}. */
  void soaSeen(Name zone, InetSocketAddress target, long serial);

  DownstreamObserver NONE = new DownstreamObserver() {
    @Override
    public void ixfrRequested(Name zone, InetAddress from, long serial) {}

    @Override
    public void transferred(Name zone, InetAddress to, long serial) {}

    @Override
    public void soaSeen(Name zone, InetSocketAddress target, long serial) {}
  };
}
