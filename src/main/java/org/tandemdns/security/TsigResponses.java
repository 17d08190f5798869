package org.tandemdns.security;

import java.time.Clock;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;

/** Signs single responses, and builds the error answers of RFC 8945 §5.3.2. */
public final class TsigResponses {
  private static final byte[] UNUSED_SECRET = new byte[32];

  private final Clock clock;

  public TsigResponses(Clock clock) {
    this.clock = clock;
  }

  /** Marks {@code response} to be signed with the request's key when rendered (RFC 8945 §5.3). */
  public void sign(Message response, TsigCheck.Verified request) {
    response.setTSIG(request.key().tsig(clock), Rcode.NOERROR, request.request());
  }

  /**
   * Turns {@code response} into the answer to a request whose TSIG failed: NOTAUTH with the TSIG
   * error; unsigned (empty MAC) for BADKEY and BADSIG, signed for BADTRUNC. FORMERR is answered
   * as a plain FORMERR. BADTIME is left unsigned here: sign the rendered bytes with
   * {@link #signBadTime}.
   */
  public void fail(Message response, TsigCheck.Failed failed) {
    if (failed.error() == Rcode.FORMERR) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return;
    }
    response.getHeader().setRcode(Rcode.NOTAUTH);
    if (failed.error() == Rcode.BADTIME) {
      return;
    }
    TSIG signer = failed.key() != null
        ? failed.key().tsig(clock)
        : new TSIG(failed.request().getAlgorithm(), failed.request().getName(),
            new javax.crypto.spec.SecretKeySpec(UNUSED_SECRET, "HmacSHA256"), clock);
    response.setTSIG(signer, failed.error(), failed.request());
  }

  /** Appends the signed BADTIME TSIG (RFC 8945 §5.2.3) to an answer rendered by {@link #fail}. */
  public byte[] signBadTime(byte[] rendered, TsigCheck.Failed failed) {
    return BadTimeSigner.sign(rendered, failed.key(), failed.request(), clock);
  }
}
