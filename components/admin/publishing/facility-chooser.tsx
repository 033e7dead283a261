/** Picks the facility whose policy the page shows: a GET form, so it works before any script loads. */
export function FacilityChooser({
  facilities,
  current,
}: {
  facilities: readonly { code: string; name: string }[];
  current: string;
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="facility" className="block text-sm font-medium">
          Facility
        </label>
        <select
          id="facility"
          name="facility"
          defaultValue={current}
          className="rounded border border-slate-400 px-3 py-2"
        >
          {facilities.map((facility) => (
            <option key={facility.code} value={facility.code}>
              {facility.name} ({facility.code})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded border border-slate-900 px-4 py-2 font-semibold">
        Show
      </button>
    </form>
  );
}
