package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class NodeTableTest {
  private static final Name ORIGIN = Name.fromConstantString("z.test.");

  /** Random puts and removes (with growth and backward-shift deletion) agree with a HashMap. */
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
