"use client";
/**
 * A downtime document opened inside the app, under its patient's banner, online and offline:
 * the bytes come from the server (audited there) or, with no signal, from the device's document
 * copy (queued for the audit log), and are shown from a blob in a frame, never in a bare PDF tab
 * that names nobody. A document that is not in this patient's record is not shown at all.
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import type { DocumentContext } from "@/lib/offline/device-documents";
import type { CacheIdentity } from "@/lib/offline/offline-identity";
import { dateText, timeText } from "@/lib/ward-list/format";
import { DeviceStorage } from "../offline/device-storage";
import { PatientBanner } from "./patient-banner";
import { usePatientView } from "./use-patient-view";

type Shown =
  | { kind: "loading" }
  | { kind: "shown"; url: string; from: "server" | "device" }
  | { kind: "message"; text: string };

function useDocumentBytes(context: DocumentContext | null, identity: CacheIdentity | null): Shown {
  const [shown, setShown] = useState<Shown>({ kind: "loading" });
  const key = context ? `${context.documentId}:${context.stayId}` : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for context
  useEffect(() => {
    if (!context) return;
    let cancelled = false;
    let url: string | null = null;
    const show = (blob: Blob, from: "server" | "device") => {
      url = URL.createObjectURL(blob);
      if (!cancelled) setShown({ kind: "shown", url, from });
    };
    (async () => {
      const documents = await import("@/lib/offline/device-documents");
      const server = await documents.fetchServerDocument(context.documentId);
      if (server.kind === "ok") return show(server.blob, "server");
      if (server.kind === "refused") return !cancelled && setShown({ kind: "message", text: server.message });
      const kept = identity ? await documents.openDeviceDocument(identity, context).catch(() => null) : null;
      if (kept) return show(kept, "device");
      if (!cancelled)
        setShown({
          kind: "message",
          text: "This document is not saved on this device (it may be over the device's budget). It opens when Downtime can be reached.",
        });
    })();
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [key, identity?.sessionId]);
  return shown;
}

export function DocumentViewer({
  stayId,
  documentId,
  identity,
}: {
  stayId: string;
  documentId: string;
  identity: CacheIdentity | null;
}) {
  const { device, outcome } = usePatientView(stayId, identity);
  const server = outcome.kind === "ok" ? outcome.server.record : null;
  const record = server ?? (device.kind === "found" ? device.entry : null);
  const document = record?.documents.find((candidate) => candidate.documentId === documentId) ?? null;
  const context =
    record && document
      ? { documentId, stayId, patientId: record.patient.patientId, wardId: record.wardId ?? null }
      : null;
  const shown = useDocumentBytes(context, identity);
  const back = (
    <Link href={`/patients/${stayId}`} className="underline">
      Back to the patient
    </Link>
  );
  if (!record) {
    const refused = outcome.kind === "failed" && outcome.error.kind !== "unreachable";
    if (!refused && (outcome.kind === "pending" || device.kind === "reading"))
      return <p role="status">Opening the document…</p>;
    return (
      <div className="space-y-2">
        <p role="alert">
          {refused
            ? outcome.error.message
            : "The server cannot be reached and this patient is not saved on this device."}
        </p>
        {back}
      </div>
    );
  }
  if (!document)
    return (
      <div className="space-y-2">
        <PatientBanner record={record} />
        <p role="alert">This document is not in this patient's record.</p>
        {back}
      </div>
    );
  return (
    <article className="space-y-2">
      <PatientBanner record={record} />
      <h1 className="text-xl font-bold">{document.title}</h1>
      <p className="text-sm">
        {document.kind} · produced {dateText(document.producedAt)} {timeText(document.producedAt)}
        {shown.kind === "shown" && shown.from === "device" ? " · from the copy on this device" : ""}
      </p>
      {shown.kind === "loading" ? <p role="status">Opening the document…</p> : null}
      {shown.kind === "message" ? <p role="alert">{shown.text}</p> : null}
      {shown.kind === "shown" ? (
        <iframe
          src={shown.url}
          title={`${document.title} for ${record.patient.familyName}`}
          className="h-[70vh] w-full rounded border border-slate-400 bg-white"
        />
      ) : null}
      <p className="flex flex-wrap gap-x-4">{back}</p>
      <DeviceStorage documentIds={[documentId]} />
    </article>
  );
}
