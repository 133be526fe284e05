#!/usr/bin/env node
// Validates Kubernetes objects against the upstream OpenAPI schemas, as compiled into
// validators by the pinned kubernetes-models package, and the custom resources of
// prometheus-operator (monitoring.coreos.com) and KEDA (keda.sh) against their CRDs' schemas,
// compiled likewise by @kubernetes-models/prometheus-operator and @kubernetes-models/keda.
// Usage: node validate.cjs TOOLS_DIR < objects.json   (a JSON array of objects)
// Prints one line per problem ("Kind/name: /json/pointer message") and exits 1 when any.
"use strict";
const path = require("node:path");
const { createRequire } = require("node:module");

const toolsDir = process.argv[2];
if (!toolsDir) {
  console.error("usage: node validate.cjs TOOLS_DIR < objects.json");
  process.exit(2);
}
const requireFromTools = createRequire(path.join(path.resolve(toolsDir), "package.json"));

// The package holding the models of an API group; the upstream groups are in kubernetes-models.
const packageOfGroup = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "keda.sh": "@kubernetes-models/keda",
};

// "apps/v1" -> "kubernetes-models/apps/v1/Deployment"; the core group "v1" -> "kubernetes-models/v1/Service";
// "keda.sh/v1alpha1" -> "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject".
function modelOf(object) {
  const group = String(object.apiVersion).includes("/") ? object.apiVersion.split("/")[0] : "";
  const name = `${packageOfGroup[group] || "kubernetes-models"}/${object.apiVersion}/${object.kind}`;
  try {
    const module = requireFromTools(name);
    return module[object.kind];
  } catch (error) {
    return undefined;
  }
}

const objects = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
let problems = 0;
for (const object of objects) {
  const label = `${object.kind}/${object.metadata && object.metadata.name}`;
  const Model = modelOf(object);
  if (!Model) {
    console.log(`${label}: no upstream schema for ${object.apiVersion} ${object.kind}`);
    problems++;
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    const details = error.errors || [{ instancePath: "", message: error.message }];
    for (const detail of details) {
      console.log(`${label}: ${detail.instancePath || "/"} ${detail.message}${detail.params ? " " + JSON.stringify(detail.params) : ""}`);
      problems++;
    }
  }
}
if (problems > 0) process.exit(1);
console.log(`${objects.length} objects valid`);
