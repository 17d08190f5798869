package org.tandemdns.sync.provider;

/**
 * What a change costs against a provider's limits on one atomic batch, in two measures: a count
 * (RRsets for the PowerDNS and Tandem APIs, resource records for Route 53, which takes at most
 * 1,000 per change batch) and a size (bytes of an RFC 2136 UPDATE message, characters of record
 * values for Route 53, at most 32,000). A provider's maximum bounds both; a measure it does not
 * limit is {@link Integer#MAX_VALUE}.
 *
 * @param count RRsets or records
 * @param size bytes or characters
 */
public record BatchCost(long count, long size) {
  /** Nothing yet. */
  public static final BatchCost ZERO = new BatchCost(0, 0);

  /** One unit of count, no size. */
  public static final BatchCost ONE = new BatchCost(1, 0);

  /** A maximum of {@code count} units and no limit on size. */
  public static BatchCost maxCount(int count) {
    return new BatchCost(count, Integer.MAX_VALUE);
  }

  /** A maximum of {@code size} and no limit on count. */
  public static BatchCost maxSize(int size) {
    return new BatchCost(Integer.MAX_VALUE, size);
  }

  /** The sum of both. */
  public BatchCost plus(BatchCost other) {
    return new BatchCost(count + other.count, size + other.size);
  }

  /** True when neither measure is above {@code max}'s. */
  public boolean within(BatchCost max) {
    return count <= max.count && size <= max.size;
  }

  /** How a report shows it against {@code max}: only the measures {@code max} limits. */
  public String against(BatchCost max) {
    StringBuilder b = new StringBuilder();
    if (max.count < Integer.MAX_VALUE) {
      b.append(count).append(" of ").append(max.count).append(" records or RRsets");
    }
    if (max.size < Integer.MAX_VALUE) {
      b.append(b.length() > 0 ? ", " : "").append(size).append(" of ").append(max.size).append(" bytes or characters");
    }
    return b.toString();
  }
}
