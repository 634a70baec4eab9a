// Test oracle: the pinned @livetemplate/client TreeRenderer behind a line-based JSON protocol.
//
// Usage: node oracle.js /path/to/package/dist/state/tree-renderer.js
// stdin, one JSON object per line:  {"op":"apply","tree":{...}}  or  {"op":"reset"}
// stdout, one JSON object per line: {"html":"...","changed":true[,"errors":[...]]} or {"error":"..."}
// ("errors" collects what the renderer logged through logger.error while applying the tree;
// a reset answers {"html":"","changed":true}.)
"use strict";

const path = require("path");
const readline = require("readline");

const rendererPath = process.argv[2];
if (!rendererPath) {
  process.stderr.write("usage: node oracle.js <tree-renderer.js>\n");
  process.exit(2);
}
const { TreeRenderer } = require(path.resolve(rendererPath));

let errors = [];

function describe(arg) {
  if (typeof arg === "string") return arg;
  try {
    return JSON.stringify(arg);
  } catch (e) {
    return String(arg);
  }
}

const logger = {
  debug() {},
  info() {},
  warn() {},
  error(...args) {
    errors.push(args.map(describe).join(" "));
  },
  isDebugEnabled() {
    return false;
  },
  child() {
    return logger;
  },
};

const renderer = new TreeRenderer(logger);

function handle(line) {
  const request = JSON.parse(line);
  switch (request.op) {
    case "reset":
      renderer.reset();
      return { html: "", changed: true };
    case "apply": {
      if (request.tree === null || typeof request.tree !== "object" || Array.isArray(request.tree)) {
        return { error: "apply needs an object 'tree'" };
      }
      errors = [];
      const result = renderer.applyUpdate(request.tree);
      const response = { html: result.html, changed: result.changed };
      if (errors.length > 0) response.errors = errors;
      return response;
    }
    default:
      return { error: "unknown op: " + request.op };
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
rl.on("line", (line) => {
  if (line.trim() === "") return;
  let response;
  try {
    response = handle(line);
  } catch (e) {
    response = { error: String(e && e.stack ? e.stack : e) };
    if (errors.length > 0) response.errors = errors;
  }
  process.stdout.write(JSON.stringify(response) + "\n");
});
rl.on("close", () => process.exit(0));
