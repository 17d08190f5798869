package org.tandemdns.zone;

/**
 * Where a name lands in a zone after descending from the apex (RFC 1034 §4.3.2 step 3, RFC 4592
 * §3.3.1, RFC 6672 §3.1).
 */
public sealed interface LookupResult {

  /** The name exists (possibly as an empty non-terminal), or a wildcard matches it. */
  record Found(Node node, boolean wildcard) implements LookupResult {}

  /** A zone cut at or above the name: the answer is a referral. */
  record Referral(Node cut) implements LookupResult {}

  /** A DNAME strictly above the name redirects it. */
  record Dname(Node owner) implements LookupResult {}

  /** No such name and no wildcard at the closest encloser. */
  record NoSuchName(Node closestEncloser) implements LookupResult {}
}
