/** Swaps and moves, per trigger, citing the segment and field each rule reads (HL7 v2.5 ch. 3.3). */
import { describe, expect, it } from "vitest";
import { parseHl7 } from "@/lib/hl7/parse";
import { mapHl7Message } from "./map-message";

const msh = (trigger: string, structure = `ADT_${trigger}`) =>
  `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101500||ADT^${trigger}^${structure}|CTRL-${trigger}|P|2.5`;
const map = (...segments: string[]) =>
  mapHl7Message(parseHl7(segments.join("\r")), { timeZone: "Europe/London", facilityCodes: ["RXD01"] });
const events = (mapping: ReturnType<typeof map>) => {
  if (mapping.outcome !== "mapped") throw new Error(`expected mapped, got ${JSON.stringify(mapping)}`);
  return mapping.events;
};

describe("A17 swap patients", () => {
  const swap = [
    msh("A17"),
    "EVN|A17|20261120101000",
    "PID|1||RXD0000001^^^RXD01^MR||JONES^ALED||19450302|M||||||||||ACC-1",
    "PV1|1|I|OAK^BAY1^B04^RXD01|||OAK^BAY1^B03^RXD01|||||||||||||V0001",
    "PID|2||RXD0000002^^^RXD01^MR||EVANS^MAIR||19520101|F",
    "PV1|1|I|OAK^BAY1^B03^RXD01|||OAK^BAY1^B04^RXD01|||||||||||||V0002",
  ];

  it("gives one swap per PID/PV1 group: PV1-3 is each patient's new bed, PV1-6 the one they left", () => {
    const [first, second] = events(map(...swap));
    expect(first).toMatchObject({
      kind: "swap",
      trigger: "A17",
      patient: { mrn: "RXD0000001" },
      visit: {
        visitNumber: "V0001",
        location: { bed: "B04" },
        priorLocation: { bed: "B03" },
        accountNumber: "ACC-1",
      },
    });
    expect(second).toMatchObject({
      kind: "swap",
      patient: { mrn: "RXD0000002", demographics: { familyName: "Evans" } },
      visit: { visitNumber: "V0002", location: { bed: "B03" }, priorLocation: { bed: "B04" } },
    });
    // Each group is read on its own: the second patient never takes the first's PID-18.
    expect(second!.visit).not.toHaveProperty("accountNumber");
  });

  it("refuses a swap with one patient, or whose second PV1 has no ward, naming that occurrence", () => {
    expect(map(...swap.slice(0, 4))).toMatchObject({ outcome: "rejected", issues: [{ location: "PID" }] });
    const noWard = [...swap.slice(0, 5), "PV1|1|I|||||||||||||||||V0002"];
    expect(map(...noWard)).toMatchObject({ outcome: "rejected", issues: [{ location: "PV1[2]-3" }] });
  });
});

describe("A45 move visit information", () => {
  it("moves visit MRG-5 from patient MRG-1 to patient PID-3", () => {
    const [event] = events(
      map(
        msh("A45"),
        "EVN|A45|20261120101000",
        "PID|1||RXD0000009^^^RXD01^MR||JONES^ALED||19450302|M",
        "MRG|RXD0000001^^^RXD01^MR||||V0001",
        "PV1|1|I|||||||||||||||||V0001",
      ),
    );
    expect(event).toMatchObject({
      kind: "move-visit",
      patient: { mrn: "RXD0000009" },
      visit: { visitNumber: "V0001" },
      movedFrom: { mrn: "RXD0000001" },
    });
  });

  it("takes PV1-19 when MRG-5 is empty, warns when they differ, and refuses without MRG-1", () => {
    const pid = "PID|1||RXD0000009^^^RXD01^MR||JONES^ALED";
    const fromPv1 = events(
      map(msh("A45"), pid, "MRG|RXD0000001^^^RXD01^MR", "PV1|1|I|||||||||||||||||V0003"),
    );
    expect(fromPv1[0]!.visit).toEqual({ visitNumber: "V0003" });
    const differ = map(
      msh("A45"),
      pid,
      "MRG|RXD0000001^^^RXD01^MR||||V0001",
      "PV1|1|I|||||||||||||||||V0002",
    );
    expect(differ).toMatchObject({ outcome: "mapped", warnings: [{ location: "PV1-19" }] });
    expect(events(differ)[0]!.visit).toEqual({ visitNumber: "V0001" });
    expect(map(msh("A45"), pid, "PV1|1|I|||||||||||||||||V0002")).toMatchObject({
      issues: [{ location: "MRG", code: "101" }],
    });
    expect(map(msh("A45"), pid, "MRG|RXD0000001^^^RXD01^MR")).toMatchObject({
      issues: [{ location: "MRG-5" }],
    });
  });
});

describe("A44 move account information", () => {
  it("moves the visits of account MRG-3 from patient MRG-1 to patient PID-3", () => {
    const [event] = events(
      map(
        msh("A44", "ADT_A43"),
        "EVN|A44|20261120101000",
        "PID|1||RXD0000009^^^RXD01^MR||JONES^ALED|||||||||||||ACC-7",
        "MRG|RXD0000001^^^RXD01^MR||ACC-7",
      ),
    );
    expect(event).toMatchObject({
      kind: "move-account",
      patient: { mrn: "RXD0000009" },
      movedFrom: { mrn: "RXD0000001", accountNumber: "ACC-7" },
    });
    expect(event).not.toHaveProperty("visit");
  });

  it("refuses an A44 that names no account (MRG-3 or PID-18)", () => {
    expect(
      map(msh("A44", "ADT_A43"), "PID|1||RXD0000009^^^RXD01^MR||JONES^ALED", "MRG|RXD0000001^^^RXD01^MR"),
    ).toMatchObject({ issues: [{ location: "MRG-3" }] });
  });
});

describe("A47 change patient identifier list", () => {
  it("makes MRG-1 a former identifier of patient PID-3 (the census effect of a merge)", () => {
    const [event] = events(
      map(
        msh("A47", "ADT_A30"),
        "EVN|A47|20261120101000",
        "PID|1||RXD0000010^^^RXD01^MR||JONES^ALED",
        "MRG|RXD0000001^^^RXD01^MR",
      ),
    );
    expect(event).toMatchObject({
      kind: "change-identifier",
      trigger: "A47",
      patient: { mrn: "RXD0000010" },
      mergedFrom: { mrn: "RXD0000001" },
    });
  });
});

describe("account numbers on stay events", () => {
  it("keeps PID-18 on the visit so a later A44 can name it", () => {
    const [event] = events(
      map(
        msh("A01"),
        "EVN|A01|20261120101000",
        "PID|1||RXD0000001^^^RXD01^MR||JONES^ALED|||||||||||||ACC-7",
        "PV1|1|I|OAK^BAY1^B03^RXD01||||||||||||||||V0001",
      ),
    );
    expect(event!.visit).toMatchObject({ visitNumber: "V0001", accountNumber: "ACC-7" });
  });
});
