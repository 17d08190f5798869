package org.tandemdns.config;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The line (1-based) where each key path of a YAML document starts, such as {@code server.listen[1]}
 * or {@code zones[2].file}, so that errors found after parsing can still name their line.
 */
final class YamlLines {
  private final Map<String, Integer> lines = new HashMap<>();

  private YamlLines() {}

  /** Indexes {@code text}; throws SnakeYAML's MarkedYAMLException when it is not YAML. */
  static YamlLines of(String text) {
    YamlLines index = new YamlLines();
    Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    if (root != null) {
      index.walk("", root);
    }
    return index;
  }

  private void walk(String path, Node node) {
    lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
    if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode key) {
          String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
          lines.put(child, key.getStartMark().getLine() + 1);
          walkValue(child, t.getValueNode());
        }
      }
    } else if (node instanceof SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        walk(path + "[" + i + "]", seq.getValue().get(i));
      }
    }
  }

  private void walkValue(String path, Node value) {
    if (value instanceof MappingNode || value instanceof SequenceNode) {
      int keyLine = lines.get(path);
      walk(path, value);
      lines.put(path, keyLine);
    }
  }

  /** The line of {@code path}, or of its nearest indexed ancestor; 0 when unknown. */
  int lineOf(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 0;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
  }
}
