package org.tandemdns.testing;

/** The harness's PowerDnsPeer plays every role of {@link PeerRolesContract}. */
class PowerDnsPeerIT extends PeerRolesContract<PowerDnsPeer> {

  @Override
  PeerBuilder<PowerDnsPeer> builder() {
    return PowerDnsPeer.builder();
  }
}
