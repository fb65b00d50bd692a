// Validate .docx files with the Open XML SDK (WebAssembly) in one node process, so the
// runtime starts once for many files. Prints {"file": [{"part", "xpath", "id", "description"}]}.
import { readFile } from "node:fs/promises";
import validate from "@ooxml-tools/validate";

const results = {};
for (const file of process.argv.slice(2)) {
  const found = await validate(new Uint8Array(await readFile(file)), "docx", "Microsoft365");
  results[file] = found.map((r) => ({ part: r.path?.partUri, xpath: r.path?.xpath, id: r.id, description: r.description }));
}
// The WebAssembly runtime keeps a timer alive for ten seconds: exit once the output is flushed.
process.stdout.write(JSON.stringify(results), () => process.exit(0));
