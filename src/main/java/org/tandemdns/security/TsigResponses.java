package org.tandemdns.security;

import java.time.Clock;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;

/** Signs single responses, and builds the error answers of RFC 8945 §5.3.2. */
public final class TsigResponses {

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
   * error; signed for BADTRUNC. FORMERR is answered as a plain FORMERR. The TSIG of BADTIME (signed)
   * and of BADKEY and BADSIG (no MAC) is appended to the rendered bytes by {@link #finish}, so that
   * it stays the last record after the OPT (RFC 8945 §5.1).
   */
  public void fail(Message response, TsigCheck.Failed failed) {
    if (failed.error() == Rcode.FORMERR) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return;
    }
    response.getHeader().setRcode(Rcode.NOTAUTH);
    if (failed.error() != Rcode.BADTIME && failed.key() != null) {
      response.setTSIG(failed.key().tsig(clock), failed.error(), failed.request());
    }
  }

  /** The rendered answer of {@link #fail} with the TSIG that rendering could not place appended. */
  public byte[] finish(byte[] rendered, TsigCheck.Failed failed) {
    if (failed.error() == Rcode.FORMERR) {
      return rendered;
    }
    if (failed.error() == Rcode.BADTIME) {
      return BadTimeSigner.sign(rendered, failed.key(), failed.request(), clock);
    }
    if (failed.key() != null) {
      return rendered;
    }
    return BadTimeSigner.appendLast(rendered, unsignedError(failed));
  }

  /**
   * The TSIG of an error answer to a request whose key, algorithm or MAC is not accepted here: the
   * request's key and algorithm names echoed, no MAC (RFC 8945 §5.2.1, §5.3.2); built by hand since
   * no signer exists for an algorithm that is not known.
   */
  private org.xbill.DNS.TSIGRecord unsignedError(TsigCheck.Failed failed) {
    org.xbill.DNS.TSIGRecord q = failed.request();
    return new org.xbill.DNS.TSIGRecord(q.getName(), org.xbill.DNS.DClass.ANY, 0, q.getAlgorithm(), clock.instant(),
        q.getFudge(), new byte[0], q.getOriginalID(), failed.error(), null);
  }
}
