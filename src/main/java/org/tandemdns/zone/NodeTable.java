package org.tandemdns.zone;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.xbill.DNS.Name;

/**
 * The nodes of one snapshot by owner name: an open-addressing table (linear probing, load at most
 * 0.6) holding the nodes themselves, so a million names cost a reference each instead of a map
 * entry object each. Immutable once built; names compare case-insensitively, as dnsjava's do.
 */
final class NodeTable extends AbstractCollection<Node> {
  private final Node[] slots;
  private final int mask;
  private final int size;

  NodeTable(Map<Name, Node> nodes) {
    int capacity = Integer.highestOneBit(Math.max(4, (int) (nodes.size() / 0.6)) - 1) << 1;
    slots = new Node[capacity];
    mask = capacity - 1;
    for (Node n : nodes.values()) {
      int i = spread(n.name().hashCode()) & mask;
      while (slots[i] != null) {
        i = (i + 1) & mask;
      }
      slots[i] = n;
    }
    size = nodes.size();
  }

  Node get(Name name) {
    int i = spread(name.hashCode()) & mask;
    Node n;
    while ((n = slots[i]) != null) {
      if (n.name().equals(name)) {
        return n;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Copies every node into {@code target}, keyed by name. */
  void copyInto(Map<Name, Node> target) {
    for (Node n : slots) {
      if (n != null) {
        target.put(n.name(), n);
      }
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Iterator<Node> iterator() {
    return new Iterator<>() {
      private int i = advance(0);

      private int advance(int from) {
        int j = from;
        while (j < slots.length && slots[j] == null) {
          j++;
        }
        return j;
      }

      @Override
      public boolean hasNext() {
        return i < slots.length;
      }

      @Override
      public Node next() {
        if (i >= slots.length) {
          throw new NoSuchElementException();
        }
        Node n = slots[i];
        i = advance(i + 1);
        return n;
      }
    };
  }

  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    return h ^ (h >>> 13);
  }
}
