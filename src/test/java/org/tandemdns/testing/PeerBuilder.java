package org.tandemdns.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Collects the zones of a peer and starts it. Obtained from {@code KnotPeer.builder()} and
 * friends; {@link #start()} returns a running, ready peer or throws (and cleans up).
 */
public final class PeerBuilder<P extends PeerProcess> {

  private final Function<PeerSpec, P> factory;
  private final List<PrimaryZone> primaries = new ArrayList<>();
  private final List<SecondaryZone> secondaries = new ArrayList<>();
  private Endpoint listen;
  private Duration readyTimeout = Duration.ofSeconds(20);
  private boolean awaitZones = true;

  PeerBuilder(Function<PeerSpec, P> factory) {
    this.factory = factory;
  }

  public PeerBuilder<P> primary(PrimaryZone zone) {
    primaries.add(zone);
    return this;
  }

  public PeerBuilder<P> secondary(SecondaryZone zone) {
    secondaries.add(zone);
    return this;
  }

  /**
   * Listens on {@code endpoint} instead of a freshly allocated port; use it when other peers must
   * know the address before this one starts (e.g. as a NOTIFY target).
   */
  public PeerBuilder<P> listen(Endpoint endpoint) {
    this.listen = endpoint;
    return this;
  }

  /** How long start() waits for the peer to be ready (default 20 s). */
  public PeerBuilder<P> readyTimeout(Duration timeout) {
    this.readyTimeout = timeout;
    return this;
  }

  /**
   * Whether start() waits for every zone to be served (default true). Turn off for a secondary
   * whose primary is not up yet, or is expected to refuse it.
   */
  public PeerBuilder<P> awaitZones(boolean await) {
    this.awaitZones = await;
    return this;
  }

  /** Starts the peer and waits until it is ready; on failure it is stopped before throwing. */
  public P start() {
    P peer = factory.apply(new PeerSpec(primaries, secondaries, Optional.ofNullable(listen), readyTimeout, awaitZones));
    try {
      peer.start();
      return peer;
    } catch (RuntimeException | Error e) {
      peer.close();
      throw e;
    }
  }
}
