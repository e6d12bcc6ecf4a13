// Reads multi-document YAML on stdin and validates every document of a built-in Kubernetes kind with
// kubernetes-models (the OpenAPI schemas, so missing required fields are caught). Custom resources (Strimzi,
// Prometheus Operator) are listed as skipped. Prints one line per problem; exits 1 when there is any.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const docs = yaml.loadAll(readFileSync(0, "utf8")).filter((d) => d && typeof d === "object");
let problems = 0;
let checked = 0;
for (const doc of docs) {
  const where = `${doc.kind} ${doc.metadata?.name}`;
  let module;
  try {
    module = await import(`kubernetes-models/${doc.apiVersion}`);
  } catch {
    console.log(`skipped ${where} (${doc.apiVersion} is not a built-in API group)`);
    continue;
  }
  const Kind = module[doc.kind];
  if (!Kind) {
    console.log(`PROBLEM ${where}: unknown kind ${doc.kind} in ${doc.apiVersion}`);
    problems++;
    continue;
  }
  try {
    new Kind(doc).validate();
    checked++;
  } catch (e) {
    const details = (e.errors ?? []).map((x) => `${x.instancePath || "/"} ${x.message}`).join("; ");
    console.log(`PROBLEM ${where}: ${details || e.message}`);
    problems++;
  }
}
console.log(`checked ${checked} document(s), ${problems} problem(s)`);
process.exit(problems > 0 ? 1 : 0);
