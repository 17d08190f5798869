package org.tandemdns.sync;

import java.util.Objects;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.RRsetKey;

/**
 * One change to one RRset at a target: create it, replace it, or delete it (RFC 2136 §2.5 in RRset
 * terms). A closed set.
 *
 * <p>{@code current} is what the target was read to hold when the plan was made; it is null when
 * the target was not read (continuous push applies the source's own changes without reading the
 * target first). Providers that can make a change conditional (RFC 2136 prerequisites, §2.4) use it
 * to refuse a change whose target moved on since the plan.
 */
public sealed interface RRsetChange extends Comparable<RRsetChange>
    permits RRsetChange.Create, RRsetChange.Update, RRsetChange.Delete {

  /** The RRset concerned. */
  RRsetKey key();

  /** What the RRset must hold afterwards, or null when it must not exist. */
  CanonicalRRset desired();

  /** What the target held when read, or null when absent or not read. */
  CanonicalRRset current();

  /** "create", "update" or "delete". */
  String verb();

  @Override
  default int compareTo(RRsetChange o) {
    return key().compareTo(o.key());
  }

  /** The RRset is absent at the target and is to be created. */
  record Create(CanonicalRRset desired) implements RRsetChange {
    public Create {
      Objects.requireNonNull(desired, "desired");
    }

    @Override
    public RRsetKey key() {
      return desired.key();
    }

    @Override
    public CanonicalRRset current() {
      return null;
    }

    @Override
    public String verb() {
      return "create";
    }
  }

  /** The RRset is replaced by {@code desired} (data, TTL or both differ). */
  record Update(CanonicalRRset current, CanonicalRRset desired) implements RRsetChange {
    public Update {
      Objects.requireNonNull(desired, "desired");
      if (current != null && !current.key().equals(desired.key())) {
        throw new IllegalArgumentException("an update keeps its RRset: " + current.key() + " / " + desired.key());
      }
    }

    @Override
    public RRsetKey key() {
      return desired.key();
    }

    @Override
    public String verb() {
      return "update";
    }
  }

  /** The RRset is deleted. */
  record Delete(RRsetKey key, CanonicalRRset current) implements RRsetChange {
    public Delete {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public CanonicalRRset desired() {
      return null;
    }

    @Override
    public String verb() {
      return "delete";
    }
  }
}
