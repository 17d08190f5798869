package org.tandemdns.security;

import org.xbill.DNS.TSIGRecord;

/** The outcome of checking a request's TSIG (RFC 8945 §5.2). */
public sealed interface TsigCheck {

  /** No TSIG in the request. */
  record Unsigned() implements TsigCheck {}

  /** Signed with a known key, and the MAC and time are good. */
  record Verified(TsigKey key, TSIGRecord request) implements TsigCheck {}

  /**
   * Signed, but not acceptably: {@code error} is BADKEY, BADSIG, BADTIME or BADTRUNC (answered with
   * NOTAUTH and a TSIG carrying the error), or FORMERR for a malformed TSIG; {@code key} is the
   * known key when there is one (BADTIME and BADTRUNC answers are signed with it).
   */
  record Failed(int error, TsigKey key, TSIGRecord request, String reason) implements TsigCheck {}

  TsigCheck UNSIGNED = new Unsigned();
}
