package dev.warroom.store.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found while reading a bundle, in the order found, each {@code path:line: what} or
 * {@code path#/pointer: what}. Collection stops adding after {@value #MAX} problems (with a final
 * line saying so) so that a file of garbage cannot exhaust memory.
 */
final class Problems {
  static final int MAX = 1000;
  private final List<String> list = new ArrayList<>();
  private int dropped;

  void add(String problem) {
    if (list.size() < MAX) {
      list.add(problem);
    } else {
      dropped++;
    }
  }

  void at(String file, long line, String what) {
    add(file + ":" + line + ": " + what);
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  boolean full() {
    return list.size() >= MAX;
  }

  /** Problems of one file beyond this many are summarised, the rest of the file skipped. */
  static final int PER_FILE = 100;

  List<String> list() {
    List<String> out = new ArrayList<>(list);
    if (dropped > 0) {
      out.add("(" + dropped + " more problems not shown)");
    }
    return out;
  }

  int size() {
    return list.size();
  }
}
