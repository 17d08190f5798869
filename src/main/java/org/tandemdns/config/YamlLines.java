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
  private final String text;
  private Map<String, Integer> lines;

  private YamlLines(String text) {
    this.text = text;
  }

  /** Indexes {@code text}; throws SnakeYAML's MarkedYAMLException when it is not YAML. */
  static YamlLines of(String text) {
    YamlLines index = new YamlLines(text);
    index.index();
    return index;
  }

  /**
   * The index of {@code text}, made when a line is first asked for: a configuration without
   * problems is then parsed once, not twice (10,000 zones: a third of reading the file). Text that is
   * not YAML then has no lines (0).
   */
  static YamlLines whenAsked(String text) {
    return new YamlLines(text);
  }

  /**
   * SnakeYAML's options for the configuration: its default limit of 3 MiB of text, a guard for
   * untrusted documents, refused a configuration listing 100,000 zones; this file is the operator's.
   */
  static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    return options;
  }

  /** The largest configuration read: 1 GiB of text, some 10 million zones. */
  static final int MAX_CODE_POINTS = 1 << 30;

  private void index() {
    lines = new HashMap<>();
    Node root = new Yaml(loaderOptions()).compose(new StringReader(text));
    if (root != null) {
      walk("", root);
    }
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
  synchronized int lineOf(String path) {
    if (lines == null) {
      try {
        index();
      } catch (org.yaml.snakeyaml.error.YAMLException e) {
        lines = new HashMap<>();
      }
    }
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
