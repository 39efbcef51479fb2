// A TypeScript client for the skolemiljo service: validate a plan, then assess a case.
// Compiled with tsc and run against a live service by tests/package/test_docs.py.
// Usage: node client.js http://127.0.0.1:8000 ../../examples

import { readFileSync } from "node:fs";

interface LegalReference {
  citation: string;
  verified: boolean;
  valid_from: string;
  valid_to: string | null;
}

interface Finding {
  code: string;
  severity: "error" | "warning";
  item: "a" | "b" | "c" | "d" | "e" | "f" | null;
  path: string;
  legal_basis: LegalReference[];
  message: string;
}

interface ValidationReport {
  valid: boolean;
  findings: Finding[];
}

interface Obligation {
  code: string;
  status: "applies" | "undetermined";
  duty_bearer: string;
  deadline: { kind: string; due: string | null };
  legal_basis: LegalReference[];
  missing_facts: string[];
}

interface Assessment {
  engine: string;
  obligations: Obligation[];
}

async function post<T>(base: string, path: string, body: string, language: "nb" | "nn"): Promise<T> {
  const response = await fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": language },
    body,
  });
  if (response.status === 422) {
    const problem = (await response.json()) as { errors: { path: string; code: string }[] };
    throw new Error(`rejected: ${problem.errors.map((e) => `${e.path}: ${e.code}`).join(", ")}`);
  }
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

async function main(): Promise<void> {
  const [base, examples] = process.argv.slice(2);
  const plan = readFileSync(`${examples}/invalid/no_measures.json`, "utf-8");
  const report = await post<ValidationReport>(base, "/v1/plans/validate", plan, "nn");
  for (const finding of report.findings) {
    console.log(`${finding.severity} ${finding.code} (${finding.legal_basis[0].citation})`);
  }
  const caseJson = readFileSync(`${examples}/cases/teacher_harasses_pupil.json`, "utf-8");
  const assessment = await post<Assessment>(base, "/v1/cases/assess?as_of=2024-10-01", caseJson, "nb");
  const duty = assessment.obligations.find((o) => o.code === "report_staff_violation_immediately");
  console.log(`${duty?.code} ${duty?.status} ${duty?.deadline.kind} ${duty?.deadline.due}`);
}

main().catch((error: unknown) => {
  console.error(String(error));
  process.exit(1);
});
