import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText } from "./html-to-text";

describe("htmlToText", () => {
  it("drops scripts, styles, the head and comments, keeping the body's text", () => {
    const html = `<html><head><title>T</title><style>p { color: red }</style></head>
      <body><script type="text/javascript">alert("x")</script><!-- hidden note -->
      <p>Turn every <b>2 hours</b>.</p><SCRIPT>evil()</SCRIPT></body></html>`;
    const text = htmlToText(html);
    expect(text).toBe("Turn every 2 hours.");
  });

  it("makes block elements, <br> and list items line breaks, and separates table cells", () => {
    const html =
      "<h1>Care plan</h1><div>Skin<br>check</div><ul><li>Pressure</li><li>Falls</li></ul>" +
      "<table><tr><th>Drug</th><th>Dose</th></tr><tr><td>Paracetamol</td><td>1 g</td></tr></table>";
    expect(htmlToText(html).split("\n")).toEqual([
      "Care plan",
      "",
      "Skin",
      "check",
      "• Pressure",
      "• Falls",
      "",
      "Drug  Dose",
      "Paracetamol  1 g",
    ]);
  });

  it("collapses source whitespace but keeps <pre> as written", () => {
    const html = "<p>a\n   b</p><pre>col1   col2\n  x      y</pre>";
    expect(htmlToText(html)).toBe("a b\n\ncol1   col2\n  x      y");
  });

  it("decodes entities after tags are gone, so escaped markup stays text", () => {
    expect(
      htmlToText("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 5&nbsp;mg &#163;3 &#x2014; &mdash;</p>"),
    ).toBe("<script>alert(1)</script> & 5\u00a0mg £3 — —");
    expect(decodeEntities("&unknown; &#0; &#99999999;")).toBe("&unknown; &#0; &#99999999;");
  });
});
