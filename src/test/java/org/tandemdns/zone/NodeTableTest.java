package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class NodeTableTest {
  private static final Name ORIGIN = Name.fromConstantString("z.test.");

  /** Random puts and removes (with growth, holes and packing) agree with a HashMap. */
  @Test
  void putsAndRemovesAgreeWithAMap() throws Exception {
    Random random = new Random(7);
    NodeTable table = new NodeTable(4);
    Map<Name, Node> model = new HashMap<>();
    for (int step = 0; step < 20_000; step++) {
      Name name = Name.fromString("n" + random.nextInt(600), ORIGIN);
      if (random.nextInt(3) == 0) {
        assertThat(table.remove(name)).isSameAs(model.remove(name));
      } else {
        Node node = Node.emptyNonTerminal(name);
        assertThat(table.put(node)).isSameAs(model.put(name, node));
      }
      if (step % 97 == 0) {
        for (int i = 0; i < 600; i++) {
          Name n = Name.fromString("n" + i, ORIGIN);
          assertThat(table.get(n)).as("%s at step %d", n, step).isSameAs(model.get(n));
        }
      }
    }
    assertThat(table).hasSize(model.size());
    assertThat(new HashSet<>(table)).isEqualTo(new HashSet<>(model.values()));
  }

  /** A walk follows the order nodes were added: a replaced node keeps its place, removed ones are skipped. */
  @Test
  void walksInTheOrderNodesWereAddedThroughCopiesAndPacking() throws Exception {
    NodeTable table = new NodeTable(4);
    List<Node> model = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Node n = Node.emptyNonTerminal(Name.fromString("n" + i, ORIGIN));
      table.putAbsent(n);
      model.add(n);
    }
    Random random = new Random(11);
    for (int version = 0; version < 40; version++) {
      table = table.copy(); // as ZoneEditor makes each version; many holes get packed on the way
      for (int k = 0; k < 60; k++) {
        int at = random.nextInt(model.size());
        Node old = model.get(at);
        if (random.nextBoolean()) {
          assertThat(table.remove(old.name())).isSameAs(old);
          model.remove(at);
        } else {
          Node replacement = Node.emptyNonTerminal(old.name());
          assertThat(table.put(replacement)).isSameAs(old);
          model.set(at, replacement);
        }
      }
      Node added = Node.emptyNonTerminal(Name.fromString("added" + version, ORIGIN));
      table.put(added);
      model.add(added);
      assertThat(new ArrayList<>(table)).as("version %d", version).containsExactlyElementsOf(model);
      assertThat(table.toNodeArray()).containsExactlyElementsOf(model);
    }
    for (Node n : model) {
      assertThat(table.get(n.name())).isSameAs(n);
    }
  }

  @Test
  void aBuiltTableIsTrimmedKeepingItsOrder() throws Exception {
    NodeTable list = new NodeTable(2);
    List<Node> model = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Node n = Node.emptyNonTerminal(Name.fromString("b" + i, ORIGIN));
      list.putAbsent(n);
      model.add(n);
    }
    Node replacement = Node.emptyNonTerminal(model.get(7).name());
    list.put(replacement);
    model.set(7, replacement);
    NodeTable table = list.trimmed();
    assertThat(new ArrayList<>(table)).containsExactlyElementsOf(model);
    for (Node n : model) {
      assertThat(table.get(n.name())).isSameAs(n);
    }
    assertThat(table.get(Name.fromString("absent", ORIGIN))).isNull();

    NodeTable generous = new NodeTable(100_000); // a small zone read with a big estimate
    generous.putAbsent(model.get(0));
    NodeTable small = generous.trimmed();
    assertThat(small.get(model.get(0).name())).isSameAs(model.get(0));
    assertThat(small.indexSlots()).as("keeps no index sized for the estimate").isLessThanOrEqualTo(8);
  }

  @Test
  void aCopyDoesNotSeeLaterChanges() throws Exception {
    NodeTable table = new NodeTable(4);
    Node a = Node.emptyNonTerminal(Name.fromString("a", ORIGIN));
    table.put(a);
    NodeTable copy = table.copy();
    copy.remove(a.name());
    copy.put(Node.emptyNonTerminal(Name.fromString("b", ORIGIN)));
    assertThat(table).containsExactly(a);
    assertThat(copy.get(a.name())).isNull();
    assertThat(table.get(Name.fromString("A", ORIGIN))).as("names compare without case").isSameAs(a);
  }
}
