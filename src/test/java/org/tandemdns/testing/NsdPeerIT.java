package org.tandemdns.testing;

/** The harness's NsdPeer plays every role of {@link PeerRolesContract}. */
class NsdPeerIT extends PeerRolesContract<NsdPeer> {

  @Override
  PeerBuilder<NsdPeer> builder() {
    return NsdPeer.builder();
  }
}
