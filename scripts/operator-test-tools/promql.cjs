#!/usr/bin/env node
// Parses PromQL expressions with Prometheus' own grammar (@prometheus-io/lezer-promql, the
// parser of the Prometheus web UI) and says what each one reads.
// Usage: node promql.cjs TOOLS_DIR < expressions.json   (a JSON array of strings)
// Prints a JSON array, one entry per expression: {errors: ["at N: text"], selectors:
// [{metric, function}]}, where function is the function whose argument the selector is
// (rate, histogram_quantile, ...) or null.
"use strict";
const path = require("node:path");
const { createRequire } = require("node:module");

const toolsDir = process.argv[2];
if (!toolsDir) {
  console.error("usage: node promql.cjs TOOLS_DIR < expressions.json");
  process.exit(2);
}
const { parser } = createRequire(path.join(path.resolve(toolsDir), "package.json"))("@prometheus-io/lezer-promql");

function describe(expression) {
  const tree = parser.parse(expression);
  const errors = [];
  const selectors = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push(`at ${node.from}: '${expression.slice(Math.max(0, node.from - 20), node.to + 20)}'`);
      } else if (node.name === "VectorSelector") {
        const name = node.node.getChild("Identifier");
        selectors.push({
          metric: name ? expression.slice(name.from, name.to) : null,
          function: enclosingFunction(node.node, expression),
        });
      }
    },
  });
  return { errors, selectors };
}

// The function a selector is an argument of: the nearest FunctionCall above it, not crossing
// an aggregation or a binary operator (their operands are not the function's argument).
function enclosingFunction(node, expression) {
  for (let at = node.parent; at; at = at.parent) {
    if (at.name === "FunctionCall") {
      const identifier = at.getChild("FunctionIdentifier");
      return identifier ? expression.slice(identifier.from, identifier.to) : null;
    }
    if (at.name === "AggregateExpr" || at.name === "BinaryExpr") return null;
  }
  return null;
}

const expressions = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(expressions.map(describe)));
