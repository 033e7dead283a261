"use client";
/**
 * One patient's data: the server's audited record, and the device copy (its code loaded after the
 * first paint online, at once offline: useDeviceTurn), refreshed when the change token moves. A patient drawn from the device with no server answer is queued for
 * the audit log, as on the ward list (components/ward-list/use-ward-view.ts).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { loadDeviceViews } from "@/lib/offline/lazy-device-copy";
import type { CacheIdentity } from "@/lib/offline/offline-identity";
import { fetchPatientView, type ServerPatient, ServerViewError } from "@/lib/offline/server-views";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { endSessionOnDevice } from "../offline/end-session";
import { useChangePolling } from "../ward-list/use-change-polling";
import { useRetryWhileUnreachable } from "../ward-list/use-retry-while-unreachable";
import { useDeviceTurn } from "../ward-list/use-ward-view";

type Outcome =
  | { kind: "pending" }
  | { kind: "ok"; server: ServerPatient }
  | { kind: "failed"; error: ServerViewError };
type DeviceState =
  | { kind: "reading" }
  | { kind: "none" | "expired" }
  | { kind: "found"; entry: CensusEntry; asOf: string };

export function usePatientView(stayId: string, identity: CacheIdentity | null) {
  const [device, setDevice] = useState<DeviceState>({ kind: "reading" });
  const [outcome, setOutcome] = useState<Outcome>({ kind: "pending" });
  const [confirmedAt, setConfirmedAt] = useState<string | null>(null);
  const audited = useRef<CensusEntry | null>(null);
  const identityKey = identity ? `${identity.userId}:${identity.sessionId}` : "";

  const deviceTurn = useDeviceTurn(outcome.kind !== "pending");
  // biome-ignore lint/correctness/useExhaustiveDependencies: identityKey stands for identity
  useEffect(() => {
    if (!deviceTurn) return;
    let cancelled = false;
    loadDeviceViews()
      .then(({ readDeviceEntry }) => readDeviceEntry(identity, stayId))
      .then((read) => {
        if (cancelled) return;
        setDevice(read.kind === "found" ? { kind: "found", ...read.value } : { kind: read.kind });
      })
      .catch(() => !cancelled && setDevice({ kind: "none" }));
    return () => {
      cancelled = true;
    };
  }, [stayId, identityKey, deviceTurn]);

  const load = useCallback(async () => {
    try {
      setOutcome({ kind: "ok", server: await fetchPatientView(stayId) });
    } catch (error) {
      if (!(error instanceof ServerViewError)) throw error;
      if (error.kind === "session-ended") await endSessionOnDevice();
      setOutcome({ kind: "failed", error });
    }
  }, [stayId]);
  useEffect(() => {
    setOutcome({ kind: "pending" });
    void load();
  }, [load]);
  useChangePolling(outcome.kind === "ok" ? outcome.server.token : null, load, setConfirmedAt);
  useRetryWhileUnreachable(outcome.kind === "failed" && outcome.error.kind === "unreachable", load);

  // biome-ignore lint/correctness/useExhaustiveDependencies: identityKey stands for identity
  useEffect(() => {
    const unconfirmed = outcome.kind === "failed" && outcome.error.kind === "unreachable";
    if (device.kind !== "found" || !unconfirmed || audited.current === device.entry) return;
    audited.current = device.entry;
    const entry = device.entry;
    void loadDeviceViews()
      .then(({ deviceReads, queueDeviceReads }) =>
        queueDeviceReads(identity, deviceReads([entry], null, new Date().toISOString())),
      )
      .catch(() => {});
  }, [device, outcome, identityKey]);

  return { device, outcome, confirmedAt };
}
