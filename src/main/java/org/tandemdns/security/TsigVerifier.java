package org.tandemdns.security;

import java.time.Clock;
import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Verifies the TSIG of a request before anything else is done with it, in RFC 8945 §5.2's order:
 * unknown key or algorithm is BADKEY; a MAC shorter than the larger of 10 octets and half the hash
 * is FORMERR (§5.2.2.1, as BIND does); a MAC that does not verify is BADSIG; a time outside the
 * fudge BADTIME; and only then a verified MAC shorter than the full hash is BADTRUNC (local policy:
 * only full-length MACs are accepted).
 */
public final class TsigVerifier {
  private static final Map<Name, Integer> MAC_LENGTH = Map.of(
      TSIG.HMAC_MD5, 16, TSIG.HMAC_SHA1, 20, TSIG.HMAC_SHA224, 28,
      TSIG.HMAC_SHA256, 32, TSIG.HMAC_SHA384, 48, TSIG.HMAC_SHA512, 64);

  private final TsigKeyRing keys;
  private final Clock clock;

  public TsigVerifier(TsigKeyRing keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** Checks the TSIG of {@code request}, parsed from exactly {@code wire}. */
  public TsigCheck check(Message request, byte[] wire) {
    TSIGRecord tsig = request.getTSIG();
    if (tsig == null) {
      return TsigCheck.UNSIGNED;
    }
    TsigKey key = keys.find(tsig.getName());
    if (key == null) {
      return new TsigCheck.Failed(Rcode.BADKEY, null, tsig, "unknown key " + tsig.getName());
    }
    if (!key.algorithm().equals(tsig.getAlgorithm())) {
      return new TsigCheck.Failed(Rcode.BADKEY, null, tsig,
          "key " + key.name() + " is " + key.algorithmName() + ", not " + tsig.getAlgorithm());
    }
    int full = MAC_LENGTH.getOrDefault(key.algorithm(), 0);
    int macLength = tsig.getSignature().length;
    if (macLength < Math.max(10, full / 2)) {
      return new TsigCheck.Failed(Rcode.FORMERR, key, tsig, "MAC of " + macLength + " octets is below the minimum");
    }
    int result = key.tsig(clock).verify(request, wire, null);
    if (result == Rcode.NOERROR) {
      if (macLength < full) {
        return new TsigCheck.Failed(Rcode.BADTRUNC, key, tsig, "truncated MAC (" + macLength + " of " + full + " octets)");
      }
      return new TsigCheck.Verified(key, tsig);
    }
    String reason = result == Rcode.BADTIME
        ? "time signed " + tsig.getTimeSigned() + " is more than " + tsig.getFudge().toSeconds() + " s from now (" + clock.instant() + ")"
        : "MAC does not verify";
    return new TsigCheck.Failed(result, result == Rcode.BADTIME ? key : null, tsig, reason);
  }
}
