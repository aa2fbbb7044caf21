// Parse Mermaid files with Mermaid's own parser (the one GitHub renders with), in Node with a
// jsdom window. Usage: node mermaid_parse.mjs FILE...  (run from a folder whose node_modules has
// mermaid and jsdom). Prints OK or FAIL per file; exits 1 when any file fails to parse.
import { JSDOM } from "jsdom";
import fs from "fs";
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window; globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
let bad = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  try {
    const r = await mermaid.parse(text);
    console.log("OK", file, JSON.stringify(r));
  } catch (e) { bad++; console.log("FAIL", file, String(e.message || e).slice(0, 400)); }
}
process.exit(bad ? 1 : 0);
