package org.tandemdns.zone;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.xbill.DNS.Name;

/**
 * The nodes of one snapshot by owner name: an open-addressing table (linear probing, load at most
 * 0.6) holding the nodes themselves, so a million names cost a reference each instead of a map
 * entry object each. Names compare case-insensitively, as dnsjava's do. A table is filled by
 * {@link ZoneBuilder} or {@link ZoneEditor} (often as a {@link #copy} of the previous version's, one
 * array copy) and never changed once a {@link ZoneSnapshot} holds it.
 */
final class NodeTable extends AbstractCollection<Node> {
  private static final double MAX_LOAD = 0.6;

  private Node[] slots;
  private int mask;
  private int size;

  NodeTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, (int) (expected / MAX_LOAD)) - 1) << 1;
    slots = new Node[capacity];
    mask = capacity - 1;
  }

  private NodeTable(NodeTable other) {
    slots = other.slots.clone();
    mask = other.mask;
    size = other.size;
  }

  /** A table with the same nodes, to change without touching this one. */
  NodeTable copy() {
    return new NodeTable(this);
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

  boolean contains(Name name) {
    return get(name) != null;
  }

  /** Adds {@code node}, replacing the node of the same name; returns the replaced one or null. */
  Node put(Node node) {
    int i = spread(node.name().hashCode()) & mask;
    Node n;
    while ((n = slots[i]) != null) {
      if (n.name().equals(node.name())) {
        slots[i] = node;
        return n;
      }
      i = (i + 1) & mask;
    }
    slots[i] = node;
    if (++size > slots.length * MAX_LOAD) {
      grow();
    }
    return null;
  }

  /** Adds {@code node}, known to have no node of its name here yet: no name is compared. */
  void putAbsent(Node node) {
    int i = spread(node.name().hashCode()) & mask;
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = node;
    if (++size > slots.length * MAX_LOAD) {
      grow();
    }
  }

  /** Removes the node named {@code name}; returns it, or null when there was none. */
  Node remove(Name name) {
    int i = spread(name.hashCode()) & mask;
    Node n;
    while ((n = slots[i]) != null) {
      if (n.name().equals(name)) {
        slots[i] = null;
        size--;
        closeGap(i);
        return n;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Backward-shift deletion: moves later entries of the probe run into the gap at {@code gap}. */
  private void closeGap(int gap) {
    int i = (gap + 1) & mask;
    Node n;
    while ((n = slots[i]) != null) {
      int home = spread(n.name().hashCode()) & mask;
      // n may move to the gap when its home is not cyclically within (gap, i]
      if (((i - home) & mask) >= ((i - gap) & mask)) {
        slots[gap] = n;
        slots[i] = null;
        gap = i;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    Node[] old = slots;
    slots = new Node[old.length * 2];
    mask = slots.length - 1;
    for (Node n : old) {
      if (n != null) {
        int i = spread(n.name().hashCode()) & mask;
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = n;
      }
    }
  }

  /** The nodes as an array (a copy), for walks that change the table meanwhile. */
  Node[] toNodeArray() {
    Node[] out = new Node[size];
    int k = 0;
    for (Node n : slots) {
      if (n != null) {
        out[k++] = n;
      }
    }
    return k == size ? out : Arrays.copyOf(out, k);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Iterator<Node> iterator() {
    Node[] s = slots;
    return new Iterator<>() {
      private int i = advance(0);

      private int advance(int from) {
        int j = from;
        while (j < s.length && s[j] == null) {
          j++;
        }
        return j;
      }

      @Override
      public boolean hasNext() {
        return i < s.length;
      }

      @Override
      public Node next() {
        if (i >= s.length) {
          throw new NoSuchElementException();
        }
        Node n = s[i];
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
