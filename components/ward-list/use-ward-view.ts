"use client";
/**
 * The ward list's data: online, the server's answer first, with the device copy's code (Dexie,
 * decryption) loaded once that answer is in or `deviceCopyGraceMs` has passed, so it never holds
 * up the first paint; with no signal, the device copy at once. The two are merged
 * (lib/offline/view-reconcile.ts), then live updates follow whenever the change token moves. Every patient shown is audited: by the server when it answered, otherwise
 * queued on the device and uploaded later.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { isCacheError } from "@/lib/offline/cache-error";
import type { DeviceRead } from "@/lib/offline/device-views";
import { deviceCopyGraceMs, loadDeviceViews } from "@/lib/offline/lazy-device-copy";
import type { CacheIdentity } from "@/lib/offline/offline-identity";
import { isNewer } from "@/lib/offline/reconcile";
import { fetchWardView, ServerViewError, type ServerWard } from "@/lib/offline/server-views";
import { requestSyncSoon } from "@/lib/offline/sync-coordinator";
import {
  changeSummary,
  mergeWardSnapshots,
  type WardChanges,
  type WardSnapshot,
  wardChanges,
} from "@/lib/offline/view-reconcile";
import { endSessionOnDevice } from "../offline/end-session";
import { useChangePolling } from "./use-change-polling";
import { useRetryWhileUnreachable } from "./use-retry-while-unreachable";

export interface WardView {
  shown: WardSnapshot | null;
  server: ServerWard | null;
  /** Still waiting for the first answer from the device and the server. */
  loading: boolean;
  deviceExpired: boolean;
  problem: ServerViewError | null;
  cacheProblem: string | null;
  changes: WardChanges | null;
  announcement: string | null;
}

type Outcome =
  | { kind: "pending" }
  | { kind: "ok"; server: ServerWard }
  | { kind: "failed"; error: ServerViewError };

export function useWardView(wardId: string, identity: CacheIdentity | null): WardView {
  const [deviceRead, setDeviceRead] = useState<DeviceRead<WardSnapshot> | { kind: "reading" }>({
    kind: "reading",
  });
  const device = deviceRead.kind === "found" ? deviceRead.value : null;
  const [cacheProblem, setCacheProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "pending" });
  const [changes, setChanges] = useState<WardChanges | null>(null);
  const [confirmedAt, setConfirmedAt] = useState<string | null>(null);
  const server = outcome.kind === "ok" ? outcome.server : null;
  const shownRef = useRef<WardSnapshot | null>(null);
  const auditedDevice = useRef<WardSnapshot | null>(null);
  const loading = useRef(false);
  const hadServerAnswer = useRef(false);
  const identityKey = identity ? `${identity.userId}:${identity.sessionId}` : "";

  const deviceTurn = useDeviceTurn(outcome.kind !== "pending");
  // biome-ignore lint/correctness/useExhaustiveDependencies: identityKey stands for identity
  useEffect(() => {
    if (!deviceTurn) return;
    let cancelled = false;
    loadDeviceViews()
      .then(({ readDeviceWard }) => readDeviceWard(identity, wardId))
      .then((read) => !cancelled && setDeviceRead(read))
      .catch((error: unknown) => {
        if (cancelled) return;
        setDeviceRead({ kind: "none" });
        setCacheProblem(isCacheError(error) ? error.message : "The device copy could not be read.");
      });
    return () => {
      cancelled = true;
    };
  }, [wardId, identityKey, deviceTurn]);

  const load = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      const answer = await fetchWardView(wardId);
      const before = shownRef.current;
      // Live updates only: the first answer over the device copy is not news to announce.
      if (hadServerAnswer.current && before) setChanges(wardChanges(before.entries, answer.snapshot.entries));
      hadServerAnswer.current = true;
      setOutcome({ kind: "ok", server: answer });
      requestSyncSoon();
    } catch (error) {
      if (!(error instanceof ServerViewError)) throw error;
      if (error.kind === "session-ended") await endSessionOnDevice();
      setOutcome({ kind: "failed", error });
    } finally {
      loading.current = false;
    }
  }, [wardId]);

  useEffect(() => {
    hadServerAnswer.current = false;
    setOutcome({ kind: "pending" });
    setChanges(null);
    void load();
  }, [load]);
  useChangePolling(server?.token ?? null, load, setConfirmedAt, { wardId });
  useRetryWhileUnreachable(outcome.kind === "failed" && outcome.error.kind === "unreachable", load);

  // Patients drawn from the device copy that no audited server read covers go to the queue.
  // biome-ignore lint/correctness/useExhaustiveDependencies: identityKey stands for identity
  useEffect(() => {
    if (!device || outcome.kind === "pending" || auditedDevice.current === device) return;
    if (outcome.kind === "failed" && outcome.error.kind !== "unreachable") return;
    auditedDevice.current = device;
    const covered = new Set(server?.snapshot.entries.map((entry) => entry.patient.patientId) ?? []);
    const unconfirmed = device.entries.filter((entry) => !covered.has(entry.patient.patientId));
    loadDeviceViews()
      .then(({ deviceReads, queueDeviceReads }) =>
        queueDeviceReads(
          identity,
          deviceReads(unconfirmed, server ? null : wardId, new Date().toISOString()),
        ),
      )
      .catch(() => setCacheProblem("An offline read could not be recorded."));
  }, [device, outcome, identityKey, wardId]);

  const refused = outcome.kind === "failed" && outcome.error.kind !== "unreachable";
  const merged = refused ? null : mergeWardSnapshots(device, server?.snapshot ?? null);
  // The server said nothing changed since this list was read: it is current as of that check.
  const confirmed = merged?.source === "server" && confirmedAt !== null && isNewer(confirmedAt, merged.asOf);
  const shown = merged && confirmed ? { ...merged, asOf: confirmedAt } : merged;
  shownRef.current = shown;
  return {
    shown,
    server,
    loading: !shown && (outcome.kind === "pending" || deviceRead.kind === "reading"),
    deviceExpired: deviceRead.kind === "expired",
    problem: outcome.kind === "failed" ? outcome.error : null,
    cacheProblem,
    changes,
    announcement: changes ? changeSummary(changes) : null,
  };
}

/**
 * Whether the device copy may be read now: at once with no signal; online, once the server has
 * answered (or failed), or after `deviceCopyGraceMs` if it is slow, so the copy still shows first
 * when the server cannot be reached.
 */
export function useDeviceTurn(serverSettled: boolean): boolean {
  const [graceOver, setGraceOver] = useState(false);
  const offline = typeof navigator !== "undefined" && !navigator.onLine;
  useEffect(() => {
    const timer = setTimeout(() => setGraceOver(true), deviceCopyGraceMs);
    return () => clearTimeout(timer);
  }, []);
  return offline || serverSettled || graceOver;
}
