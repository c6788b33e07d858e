package dev.warroom.experts;

/**
 * Source-code fragments for the router's corpus: a few idiomatic shapes per language (class or
 * module header, a function with error handling, a loop), with random identifiers, so the model
 * learns the syntax rather than the names.
 */
final class SourceSamples {
  private SourceSamples() {}

  static String java(Gen g) {
    String type = g.type();
    String f = g.ident();
    StringBuilder sb = new StringBuilder();
    if (g.chance(0.6)) {
      sb.append("package ")
          .append(g.pick("com.", "org.", "dev.", "io."))
          .append(g.word())
          .append('.')
          .append(g.word())
          .append(";\n\n");
      // real files often open with a long import list, static imports first or last
      for (int i = 0, n = g.between(1, 25); i < n; i++) {
        sb.append(g.chance(0.1) ? "import static " : "import ")
            .append(g.pick("java.util.", "java.io.", "java.time.", "org.", "com.", "dev."))
            .append(g.chance(0.5) ? g.word() + "." : "")
            .append(g.type())
            .append(";\n");
      }
      sb.append('\n');
    }
    if (g.chance(0.5)) {
      // a Javadoc block: prose lines that alone would read like a plain log
      sb.append("/**\n");
      for (int i = 0, n = g.between(1, 12); i < n; i++) {
        sb.append(" * ").append(g.message()).append('\n');
      }
      sb.append(" */\n");
    }
    if (g.chance(0.3)) {
      sb.append(g.pick("@Command(name = \"", "@Path(\"/", "@Service(\""))
          .append(g.word())
          .append("\")\n");
    }
    sb.append(
            g.pick(
                "public final class ", "class ", "public class ", "final class ", "public record "))
        .append(type)
        .append(" {\n  private final ")
        .append(g.type())
        .append(' ')
        .append(f)
        .append(";\n\n");
    for (int m = 0, n = g.between(1, 3); m < n; m++) {
      String name = g.ident();
      sb.append(g.pick("  public ", "  ", "  private static "))
          .append(g.pick("Optional<" + g.type() + ">", "void", "int", "List<String>"))
          .append(' ')
          .append(name)
          .append('(')
          .append(g.pick("", "String " + g.word(), "long id, int limit"))
          .append(") {\n");
      sb.append(
          g.pick(
              "    if ("
                  + f
                  + " == null) {\n      throw new IllegalStateException(\""
                  + g.word()
                  + " not set\");\n    }\n",
              "    for (var item : "
                  + f
                  + ".items()) {\n"
                  + "      total += item.price();\n    }\n",
              "    try {\n      return "
                  + f
                  + "."
                  + g.ident()
                  + "(id);\n    } catch (SQLException e) {\n      throw new"
                  + " UncheckedIOException(e);\n    }\n",
              "    logger.info(\"" + g.message() + "\");\n"));
      sb.append("  }\n\n");
    }
    return sb.append("}\n").toString();
  }

  static String python(Gen g) {
    StringBuilder sb = new StringBuilder();
    if (g.chance(0.6)) {
      sb.append(
              g.pick(
                  "import os\nimport logging\n",
                  "from typing import Optional\n",
                  "import requests\nfrom flask import Flask, jsonify\n"))
          .append('\n');
    }
    if (g.chance(0.5)) {
      sb.append("class ")
          .append(g.type())
          .append(g.pick(":", "(Base):", "(object):"))
          .append('\n')
          .append("    def __init__(self, ")
          .append(g.word())
          .append("):\n        self.")
          .append(g.word())
          .append(" = ")
          .append(g.word())
          .append("\n\n");
    }
    for (int m = 0, n = g.between(1, 3); m < n; m++) {
      sb.append(g.pick("def ", "async def ", "    def "))
          .append(g.ident())
          .append('(')
          .append(g.pick("self", g.word(), "request, " + g.word() + "_id"))
          .append("):\n")
          .append(
              g.pick(
                  "    if not "
                      + g.word()
                      + ":\n        raise ValueError(\""
                      + g.word()
                      + " missing\")\n",
                  "    for item in " + g.word() + "s:\n        total +=" + " item[\"price\"]\n",
                  "    try:\n        return "
                      + g.word()
                      + "."
                      + g.ident()
                      + "()\n    except KeyError as e:\n        logger.error(\"failed: %s\","
                      + " e)\n",
                  "    return {\"" + g.word() + "\": " + g.word() + ", \"ok\": True}\n"))
          .append('\n');
    }
    return sb.toString();
  }

  static String go(Gen g) {
    StringBuilder sb = new StringBuilder();
    if (g.chance(0.6)) {
      sb.append("package ")
          .append(g.word())
          .append("\n\nimport (\n\t\"context\"\n\t\"fmt\"\n")
          .append(g.pick("\t\"net/http\"\n", "\t\"time\"\n", ""))
          .append(")\n\n");
    }
    String type = g.type();
    if (g.chance(0.5)) {
      sb.append("type ")
          .append(type)
          .append(" struct {\n\t")
          .append(g.word())
          .append(' ')
          .append(g.pick("string", "int64", "*sql.DB", "time.Duration"))
          .append('\n')
          .append("}\n\n");
    }
    for (int m = 0, n = g.between(1, 3); m < n; m++) {
      sb.append("func ")
          .append(g.chance(0.5) ? "(s *" + type + ") " : "")
          .append(Gen.capital(g.ident()))
          .append("(ctx context.Context")
          .append(g.pick("", ", id string", ", n int"))
          .append(") ")
          .append(g.pick("error", "(int, error)", "(*" + g.type() + ", error)"))
          .append(" {\n")
          .append(
              g.pick(
                  "\tif err := s."
                      + g.ident()
                      + "(ctx); err != nil {\n\t\treturn"
                      + " fmt.Errorf(\""
                      + g.word()
                      + ": %w\", err)\n\t}\n",
                  "\tfor i := 0; i < n; i++" + " {\n\t\ttotal += i\n\t}\n",
                  "\tresp, err := http.Get(url)\n\tif err != nil {\n"
                      + "\t\treturn err\n\t}\n\tdefer resp.Body.Close()\n",
                  "\t" + g.word() + " := " + g.word() + ".New()\n\t_ = " + g.word() + "\n"))
          .append("\treturn nil\n}\n\n");
    }
    return sb.toString();
  }

  static String javascript(Gen g) {
    StringBuilder sb = new StringBuilder();
    if (g.chance(0.6)) {
      sb.append(
              g.pick(
                  "const express = require('express');\n",
                  "import { " + g.ident() + " } from './" + g.word() + "';\n",
                  "'use strict';\n\nconst fs = require('fs');\n"))
          .append('\n');
    }
    for (int m = 0, n = g.between(1, 3); m < n; m++) {
      String f = g.ident();
      sb.append(
              g.pick(
                  "async function " + f + "(" + g.word() + ") {\n",
                  "const " + f + " = async" + " (req, res) => {\n",
                  "function " + f + "(" + g.word() + ", cb) {\n",
                  "export" + " function " + f + "() {\n"))
          .append(
              g.pick(
                  "  const "
                      + g.word()
                      + " = await fetch(`${BASE_URL}/"
                      + g.word()
                      + "`);\n  if (!"
                      + g.word()
                      + ".ok) throw new Error('"
                      + g.word()
                      + " failed');\n",
                  "  for (const item of " + g.word() + "s) {\n    total += item.price;\n  }\n",
                  "  try {\n    return await db."
                      + g.ident()
                      + "(id);\n  } catch (err) {\n"
                      + "    console.error(err);\n  }\n",
                  "  res.status(200).json({ ok: true });\n"))
          .append(g.pick("}\n\n", "};\n\n"));
    }
    if (g.chance(0.4)) {
      sb.append("module.exports = { ").append(g.ident()).append(" };\n");
    }
    return sb.toString();
  }
}
