package org.tandemdns.update;

import org.tandemdns.change.ChangeRejectedException;
import org.xbill.DNS.Rcode;

/** An UPDATE that fails with a specific rcode (RFC 2136 §3); nothing was changed. */
final class UpdateRefused extends Exception {
  private final int rcode;

  UpdateRefused(int rcode, String message) {
    super(Rcode.string(rcode) + ": " + message);
    this.rcode = rcode;
  }

  int rcode() {
    return rcode;
  }

  /** Carries this refusal out of the pipeline's edit callback, as its cause. */
  ChangeRejectedException carried() {
    return new ChangeRejectedException(getMessage(), this);
  }
}
