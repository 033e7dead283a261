import type { Banner } from "@/lib/ward-list/feed-age";

const tones = {
  amber: "border-amber-700 bg-amber-100 text-amber-950",
  red: "border-red-900 bg-red-700 text-white",
} as const;

/** Full-width, bold, impossible to miss: a silent feed (red) and an unreachable server (amber, red when old). */
export function FeedBanners({ banners }: { banners: readonly Banner[] }) {
  return banners.map((banner) => (
    <p
      key={banner.kind}
      role="alert"
      data-banner={banner.kind}
      data-tone={banner.tone}
      className={`w-full rounded border-2 px-4 py-3 text-base font-bold ${tones[banner.tone]}`}
    >
      {banner.text}
    </p>
  ));
}
