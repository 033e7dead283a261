import { describe, expect, it } from "vitest";
import {
  buildStaffListSql,
  decodeCursor,
  encodeCursor,
  parseStaffListQuery,
  staffListParams,
} from "./staff-list-query";

const id = "3e5bfe5e-821f-42d7-b5e7-aceb6c0b3035";
const now = new Date("2026-12-04T12:00:00Z");

describe("parseStaffListQuery", () => {
  it("reads the filters, sort and cursor from searchParams", () => {
    const after = encodeCursor({ key: "trust\\u1", id });
    expect(
      parseStaffListQuery({
        q: " Bloggs ",
        role: "clinician",
        ward: "RXD01/ALD101",
        enrolment: "pending",
        enabled: "no",
        sort: "name",
        after,
      }),
    ).toEqual({
      search: "Bloggs",
      role: "clinician",
      ward: "RXD01/ALD101",
      enrolment: "pending",
      enabled: false,
      sort: "name",
      after: { key: "trust\\u1", id },
      limit: 50,
    });
  });

  it("ignores values it does not know, and a forged cursor, rather than failing", () => {
    expect(
      parseStaffListQuery({
        role: "root",
        ward: "x/y/z",
        enrolment: "maybe",
        enabled: "perhaps",
        sort: "salary",
        after: "not-base64-json",
        before: encodeCursor({ key: "k", id: "not-a-uuid" }),
      }),
    ).toEqual({ sort: "username", limit: 50 });
    expect(decodeCursor(Buffer.from('["a"]').toString("base64url"))).toBeUndefined();
  });

  it("writes the same filters back for links, with a new sort or cursor", () => {
    const query = parseStaffListQuery({ q: "ann", role: "admin", enabled: "yes", sort: "name" });
    expect(staffListParams(query, { after: "c" }).toString()).toBe(
      "q=ann&role=admin&enabled=yes&sort=name&after=c",
    );
    expect(staffListParams(query, { sort: "username" }).toString()).toBe("q=ann&role=admin&enabled=yes");
  });
});

describe("buildStaffListSql", () => {
  it("pages by username after a cursor, fetching one more than a page", () => {
    const sql = buildStaffListSql(
      parseStaffListQuery({ after: encodeCursor({ key: "trust\\b", id }) }),
      undefined,
      now,
    );
    expect(sql.page).toBe("WHERE u.username > $1 ORDER BY u.username ASC LIMIT $2");
    expect(sql.params).toEqual(["trust\\b", 51]);
    expect(sql).toMatchObject({ filter: "", filterParams: [], reversed: false });
  });

  it("pages back by name in reverse, ties broken by id", () => {
    const sql = buildStaffListSql(
      parseStaffListQuery({ sort: "name", before: encodeCursor({ key: "Ann", id }) }),
      undefined,
      now,
    );
    expect(sql.reversed).toBe(true);
    expect(sql.page).toBe(
      "WHERE u.display_name <= $1 AND (u.display_name < $1 OR u.id < $2) ORDER BY u.display_name DESC, u.id DESC LIMIT $3",
    );
  });

  it("escapes LIKE's own characters in a search, and matches nobody for an unknown ward", () => {
    const sql = buildStaffListSql(parseStaffListQuery({ q: "TRUST\\a_b%" }), null, now);
    expect(sql.params[0]).toBe("%trust\\\\a\\_b\\%%");
    expect(sql.filter).toMatch(/AND false$/);
  });

  it("filters by role, enabled, ward scope and enrolment with parameters only", () => {
    const sql = buildStaffListSql(
      parseStaffListQuery({ role: "admin", enabled: "yes", ward: "RXD01/ALD101", enrolment: "none" }),
      { wardId: "w", facilityId: "f" },
      now,
    );
    expect(sql.filterParams).toEqual(['%"admin"%', true, "w", "f", now]);
    expect(sql.filter).toContain(
      "NOT EXISTS (SELECT 1 FROM totp_credential c WHERE c.user_id = u.id AND c.status = 'active')",
    );
    expect(sql.filter).toContain(
      "NOT EXISTS (SELECT 1 FROM totp_credential c WHERE c.user_id = u.id AND c.status = 'pending'",
    );
  });
});
