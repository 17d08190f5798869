package org.tandemdns.monitor.check;

import java.util.List;

/**
 * How one server's content compared with the reference.
 *
 * @param method {@code axfr}, {@code queries}, {@code reference} or {@code none}
 * @param detail how the content was read, and any trouble doing so
 * @param differences the differences found
 * @param unverified reference RRsets that could not be checked at this server
 */
record ContentFinding(String method, String detail, List<Difference> differences, int unverified) {

  static ContentFinding none(String why) {
    return new ContentFinding("none", why, List.of(), 0);
  }
}
