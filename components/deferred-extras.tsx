"use client";
/**
 * Parts of the root layout that no first paint needs, loaded as chunks of their own (React.lazy)
 * so they stay out of the ward list's first-load JavaScript (e2e/bundle-budget.desktop.spec.ts):
 * the iPhone install prompt, the document copy's sync, and the offline header's name.
 */
import { lazy, Suspense } from "react";

const IosInstallPrompt = lazy(() =>
  import("./pwa/ios-install-prompt").then((module) => ({ default: module.IosInstallPrompt })),
);
const DocumentCopySync = lazy(() =>
  import("./offline/document-copy-sync").then((module) => ({ default: module.DocumentCopySync })),
);
const OfflineSignedInAsLazy = lazy(() =>
  import("./auth/offline-signed-in-as").then((module) => ({ default: module.OfflineSignedInAs })),
);
const RememberSignedInNameLazy = lazy(() =>
  import("./auth/offline-signed-in-as").then((module) => ({ default: module.RememberSignedInName })),
);

export function DeferredExtras({
  documentSync,
}: {
  documentSync: { userId: string; sessionId: string } | null;
}) {
  return (
    <Suspense fallback={null}>
      {documentSync ? <DocumentCopySync {...documentSync} /> : null}
      <IosInstallPrompt />
    </Suspense>
  );
}

const signInLink = (
  <a href="/sign-in" className="rounded px-3 py-1.5 text-sm underline-offset-4 hover:underline sm:py-2">
    Sign in
  </a>
);

/** The Sign in link, or on the offline page the name of the user whose copy is shown. */
export function OfflineSignedInAs() {
  return (
    <Suspense fallback={signInLink}>
      <OfflineSignedInAsLazy />
    </Suspense>
  );
}

export function RememberSignedInName({ name }: { name: string }) {
  return (
    <Suspense fallback={null}>
      <RememberSignedInNameLazy name={name} />
    </Suspense>
  );
}
