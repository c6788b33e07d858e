package dev.warroom.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What the log indices' mappings say about the configured fields (from {@code GET
 * /{index}/_mapping/field/…}): which are exact-value fields (keyword, constant_keyword, wildcard)
 * and which are analysed text. Term, regexp and wildcard queries and terms aggregations go to the
 * exact field: the field itself when it is a keyword, else its {@code .keyword} sub-field (what
 * dynamic mapping creates for strings), else the field as named.
 *
 * @param indices how many indices matched the index pattern
 */
record MappedFields(Set<String> exact, Set<String> text, int indices) {

  static MappedFields parse(JsonNode response) {
    Set<String> exact = new HashSet<>();
    Set<String> text = new HashSet<>();
    int indices = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = response.fields(); it.hasNext(); ) {
      indices++;
      JsonNode mappings = it.next().getValue().path("mappings");
      for (Iterator<Map.Entry<String, JsonNode>> f = mappings.fields(); f.hasNext(); ) {
        Map.Entry<String, JsonNode> e = f.next();
        String full = e.getValue().path("full_name").asText(e.getKey());
        for (JsonNode m : e.getValue().path("mapping")) {
          String type = m.path("type").asText("");
          switch (type) {
            case "keyword", "constant_keyword", "wildcard" -> exact.add(full);
            case "text", "match_only_text" -> text.add(full);
            default -> {}
          }
        }
      }
    }
    return new MappedFields(Set.copyOf(exact), Set.copyOf(text), indices);
  }

  /** The field to use for exact matching and aggregation of {@code field}. */
  String exactField(String field) {
    if (exact.contains(field)) {
      return field;
    }
    if (exact.contains(field + ".keyword")) {
      return field + ".keyword";
    }
    return field;
  }

  /** True when {@code field} can only be searched as analysed text (no exact-value form). */
  boolean textOnly(String field) {
    return text.contains(field) && !exact.contains(field) && !exact.contains(field + ".keyword");
  }
}
