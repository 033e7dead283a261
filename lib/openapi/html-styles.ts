/**
 * The reference page's only stylesheet, sent inline and allowed by its hash in the page's own
 * Content-Security-Policy (app/api/docs/route.ts). Colours meet WCAG 2.2 AA contrast: body text
 * #1d2733 on white is 15:1, muted #4a5563 is 7.5:1, and every method badge keeps white text above 4.5:1.
 */
export const referenceStyles = `
:root {
  color-scheme: light;
  --ink: #1d2733;
  --muted: #4a5563;
  --line: #c9d1da;
  --panel: #f3f6f9;
  --link: #0b4f8a;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: var(--ink);
  background: #fff;
}
a { color: var(--link); text-underline-offset: 0.15em; }
a:focus-visible, summary:focus-visible, pre:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; padding: 0.5rem 1rem; background: #ffbf47; color: #000; }
.skip:focus { left: 0.5rem; top: 0.5rem; }
header, main, footer, nav { max-width: 76rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 1px solid var(--line); }
header p { margin: 0.25rem 0 1rem; }
h1 { font-size: 2rem; margin: 0.25rem 0; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 0.75rem; padding-top: 1rem; border-top: 2px solid var(--ink); }
h3 {
  font-size: 1.25rem;
  margin: 1.75rem 0 0.5rem;
  display: flex;
  gap: 0.6rem;
  align-items: center;
  flex-wrap: wrap;
}
h4 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
nav ul { columns: 2 18rem; padding-left: 1.25rem; }
code {
  font-family: ui-monospace, "SFMono-Regular", Consolas, monospace;
  font-size: 0.92em;
  overflow-wrap: anywhere;
}
pre {
  background: var(--panel);
  border: 1px solid var(--line);
  border-radius: 4px;
  padding: 0.75rem 1rem;
  overflow-x: auto;
  font-size: 0.85rem;
  line-height: 1.45;
}
pre code { overflow-wrap: normal; }
.method {
  display: inline-block;
  min-width: 4.2rem;
  text-align: center;
  padding: 0.15rem 0.5rem;
  border-radius: 4px;
  color: #fff;
  font: 700 0.85rem/1.4 ui-monospace, Consolas, monospace;
  letter-spacing: 0.04em;
}
.method-get { background: #0b4f8a; }
.method-post { background: #1b5e20; }
.method-put { background: #7a3e00; }
.method-delete { background: #a4161a; }
.muted { color: var(--muted); }
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
.table-wrap { overflow-x: auto; }
.table-wrap:focus-visible { outline: 3px solid #ffbf47; }
td:first-child { white-space: nowrap; }
td code { white-space: nowrap; }
td:last-child code, td p code { white-space: normal; }
.fields th:nth-child(2), .params th:nth-child(3) { width: 16%; }
.fields th:nth-child(4), .params th:nth-child(5) { width: 42%; }
.responses th:nth-child(2) { width: 50%; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; color: var(--muted); }
th, td {
  text-align: left;
  vertical-align: top;
  padding: 0.45rem 0.6rem;
  border-bottom: 1px solid var(--line);
}
thead th { background: var(--panel); border-bottom: 2px solid var(--ink); }
td p { margin: 0; }
td p + p { margin-top: 0.4rem; }
details { margin: 0.5rem 0; border: 1px solid var(--line); border-radius: 4px; padding: 0.25rem 0.75rem; }
summary { cursor: pointer; padding: 0.25rem 0; font-weight: 600; }
.operation { margin-bottom: 2rem; }
footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--line); color: var(--muted); }
@media (max-width: 40rem) { h1 { font-size: 1.6rem; } th, td { padding: 0.35rem; } }
`.trim();
