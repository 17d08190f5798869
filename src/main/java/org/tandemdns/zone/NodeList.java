package org.tandemdns.zone;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * The nodes of a zone being built, in the order they were completed, with a hash index of their
 * positions. The index holds ints, not references, and the list only grows at its end: while a big
 * zone loads, the garbage collector has no old-generation array written at random to rescan at
 * every young collection (as it would with the final {@link NodeTable}, built once at the end).
 */
final class NodeList {
  private final List<Node> nodes;
  private int[] index; // position + 1, or 0 for a free slot; linear probing, load at most 0.5
  private int mask;

  NodeList(int expected) {
    nodes = new ArrayList<>(Math.max(16, expected));
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
    index = new int[capacity];
    mask = capacity - 1;
  }

  /** The node named {@code name}, or null. */
  Node get(Name name) {
    int i = spread(name.hashCode()) & mask;
    int at;
    while ((at = index[i]) != 0) {
      Node n = nodes.get(at - 1);
      if (n.name().equals(name)) {
        return n;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Adds {@code node}, replacing the node of the same name if there is one. */
  void put(Node node) {
    int i = spread(node.name().hashCode()) & mask;
    int at;
    while ((at = index[i]) != 0) {
      if (nodes.get(at - 1).name().equals(node.name())) {
        nodes.set(at - 1, node);
        return;
      }
      i = (i + 1) & mask;
    }
    putAbsentAt(i, node);
  }

  /** Adds {@code node}, known to have no node of its name here yet. */
  void putAbsent(Node node) {
    int i = spread(node.name().hashCode()) & mask;
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    putAbsentAt(i, node);
  }

  private void putAbsentAt(int slot, Node node) {
    nodes.add(node);
    index[slot] = nodes.size();
    if (nodes.size() * 2 > index.length) {
      grow();
    }
  }

  private void grow() {
    index = new int[index.length * 2];
    mask = index.length - 1;
    for (int k = 0; k < nodes.size(); k++) {
      int i = spread(nodes.get(k).name().hashCode()) & mask;
      while (index[i] != 0) {
        i = (i + 1) & mask;
      }
      index[i] = k + 1;
    }
  }

  int size() {
    return nodes.size();
  }

  /** The nodes, in the order they were added. */
  List<Node> nodes() {
    return nodes;
  }

  /**
   * The final table of these nodes, in this order: it takes over this list's index (the same
   * encoding and hash), so nothing is hashed again; the list is not to be used afterwards.
   */
  NodeTable toTable() {
    NodeTable table = NodeTable.of(nodes.toArray(new Node[0]), index);
    index = null;
    return table;
  }

  private static int spread(int h) {
    return NodeTable.spread(h);
  }
}
