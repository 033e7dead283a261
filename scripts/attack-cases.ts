// `npm run attack:cases`: rewrites lib/security/attack/CASES.md, the list of every attack case.
import { writeFileSync } from "node:fs";
import { attackCases, casesMarkdown } from "@/lib/security/attack/attack-cases";

writeFileSync("lib/security/attack/CASES.md", casesMarkdown(attackCases()));
