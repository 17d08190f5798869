package org.tandemdns.interop;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Parses the compact question table of the differential corpus: {@code QNAME TYPE... [| OPTIONS]...}
 * per line, {@code #} comments; each type is asked once per option set (see {@link QueryOptions}).
 */
final class QuestionTable {

  private QuestionTable() {}

  static List<DifferentialQuestion> parse(List<String> lines) {
    List<DifferentialQuestion> questions = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        parseLine(line, questions);
      } catch (IllegalArgumentException | TextParseException e) {
        throw new IllegalArgumentException("questions line " + (n + 1) + ": " + e.getMessage(), e);
      }
    }
    return questions;
  }

  private static void parseLine(String line, List<DifferentialQuestion> out) throws TextParseException {
    String[] parts = line.split("\\|", -1);
    String[] words = parts[0].strip().split("\\s+");
    if (words.length < 2) {
      throw new IllegalArgumentException("expected QNAME TYPE...: " + line);
    }
    Name qname = Name.fromString(words[0], Name.root);
    List<QueryOptions> variants = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      variants.add(QueryOptions.parse(parts[i]));
    }
    if (variants.isEmpty()) {
      variants.add(QueryOptions.DEFAULT);
    }
    for (int i = 1; i < words.length; i++) {
      int type = Type.value(words[i]);
      if (type < 0) {
        throw new IllegalArgumentException("unknown type " + words[i]);
      }
      for (QueryOptions options : variants) {
        out.add(new DifferentialQuestion(out.size(), qname, type, options));
      }
    }
  }
}
