import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PageFailure } from "./page-failure";

describe("PageFailure", () => {
  it("tells staff the page is not current and offers the copy saved on the device", () => {
    const html = renderToStaticMarkup(<PageFailure reset={() => {}} savedCopy />);
    expect(html).toContain('role="alert"');
    expect(html).toContain("Downtime could not load this page");
    expect(html).toContain("Nothing on this page is current");
    expect(html).toContain('href="/offline"');
    expect(html).toContain("Try again");
  });

  it("does not offer a saved copy on console pages, which have none", () => {
    const html = renderToStaticMarkup(<PageFailure reset={() => {}} savedCopy={false} />);
    expect(html).not.toContain('href="/offline"');
    expect(html).toContain('href="/"');
  });
});
